using Workshop.Grading.Running;
using Workshop.Grading.Sandboxing;
using Xunit;

namespace Workshop.Labs.Tests.Notebooks;

/// <summary>
/// A folder named in <see cref="SandboxMounts.Hidden"/> (the worked answers of a repository kept where the sandbox could
/// read it, e.g. under /var or /opt) is empty inside the sandbox. Needs bubblewrap: without it this fails, never skips.
/// </summary>
public sealed class SandboxHiddenFolderTests : IDisposable
{
    // Outside every folder the sandbox hides anyway (/tmp, /work, homes), so only the Hidden mount can hide it.
    private readonly string _folder = Directory.CreateDirectory(Path.Combine("/var/lib", "workshop-hidden-test-" + Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public async Task A_hidden_folder_cannot_be_read_from_inside_the_sandbox_though_the_same_file_is_readable_without_it()
    {
        var (sandbox, reason) = await Sandbox.DetectAsync();
        Assert.True(sandbox is not null, $"needs the sandbox: {reason}");
        var answer = Path.Combine(_folder, "00-websocket-url.cs");
        await File.WriteAllTextAsync(answer, "the worked answer");

        var visible = await ProcessRunner.RunAsync(sandbox!.StartInfo("cat", [answer], "/", new SandboxMounts(), new Dictionary<string, string>()), TimeSpan.FromSeconds(30), default);
        var hidden = await ProcessRunner.RunAsync(sandbox.StartInfo("cat", [answer], "/", new SandboxMounts { Hidden = [_folder] }, new Dictionary<string, string>()), TimeSpan.FromSeconds(30), default);

        Assert.True(visible.ExitCode == 0 && visible.Output.Contains("the worked answer", StringComparison.Ordinal), visible.Output);
        Assert.NotEqual(0, hidden.ExitCode);
        Assert.DoesNotContain("the worked answer", hidden.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
