using Workshop.Grading.Sandboxing;

namespace Workshop.Grading.Running;

/// <summary>Time limits for building, starting and checking a lab.</summary>
public sealed record LabRunnerOptions
{
    /// <summary>How long <c>dotnet build</c> may take.</summary>
    public TimeSpan BuildTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How long the lab may take to listen and answer.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>An upper bound for one lab's whole check run (a hung lab cannot stall a grading run).</summary>
    public TimeSpan LabTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Where builds and lab apps run: null runs them as the caller (a learner's own <c>workshop check</c>); a sandbox
    /// runs every submission's build offline and its app behind a Unix socket (grading strangers' code).
    /// </summary>
    public Sandbox? Sandbox { get; init; }

    /// <summary>
    /// Grading: compile each copy with the compiler call captured from the instructor's build (<see cref="CompilerTemplate"/>)
    /// where that applies, instead of a full <c>dotnet build</c> per copy. Off, every copy gets the full build.
    /// </summary>
    public bool FastBuild { get; init; } = true;
}
