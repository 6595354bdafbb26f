namespace Workshop.Grading.Sandboxing;

/// <summary>
/// Resource limits for everything a submission runs (its build and its app), applied inside the sandbox with
/// <c>prlimit</c> and the .NET GC's heap limit, and for all of a grading worker's processes together with a control
/// group (<see cref="SandboxCgroup"/>) where the machine allows one.
/// </summary>
public sealed record SandboxLimits
{
    /// <summary>The managed heap of each .NET process (<c>DOTNET_GCHeapHardLimit</c>).</summary>
    public long HeapBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>
    /// Address space per process (<c>RLIMIT_AS</c>): .NET reserves far more than it uses, so this is a backstop
    /// against runaway native allocations, not the memory budget (that is <see cref="HeapBytes"/>).
    /// </summary>
    public long AddressSpaceBytes { get; init; } = 8L * 1024 * 1024 * 1024;

    /// <summary>CPU seconds per process (<c>RLIMIT_CPU</c>).</summary>
    public int CpuSeconds { get; init; } = 600;

    /// <summary>Processes and threads of the sandbox user (<c>RLIMIT_NPROC</c>; .NET threads count).</summary>
    public int Processes { get; init; } = 1024;

    /// <summary>The largest file a process may write (<c>RLIMIT_FSIZE</c>).</summary>
    public long FileBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Open files per process (<c>RLIMIT_NOFILE</c>).</summary>
    public int OpenFiles { get; init; } = 4096;

    /// <summary>
    /// Memory of every process of one grading worker's sandboxes together (a control group's limit): a build, the
    /// app and whatever they start. Over it the kernel kills the largest process, and the check that needed it fails.
    /// </summary>
    public long TotalMemoryBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Processes and threads of one grading worker's sandboxes together (the control group's <c>pids.max</c>).</summary>
    public int TotalProcesses { get; init; } = 2048;

    /// <summary>The size of the sandbox's private <c>/tmp</c>.</summary>
    public long TmpBytes { get; init; } = 256L * 1024 * 1024;
}
