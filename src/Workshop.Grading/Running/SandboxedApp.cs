using Workshop.Grading.Sandboxing;

namespace Workshop.Grading.Running;

/// <summary>How a lab app runs sandboxed: the sandbox, what it sees, and the host folder its Unix socket goes in.</summary>
internal sealed record SandboxedApp(Sandbox Sandbox, SandboxMounts Mounts, string RunDirectory);
