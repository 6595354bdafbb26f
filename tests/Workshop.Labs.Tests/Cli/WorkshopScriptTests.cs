using System.Diagnostics;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Cli;

/// <summary>
/// The <c>./workshop</c> wrapper builds the CLI when it changed: quietly on success (the command's own output comes
/// first and alone), with the whole build log on failure. A stand-in <c>dotnet</c> on PATH plays MSBuild, so the test
/// needs no real build and cannot be fooled by a CLI already built.
/// </summary>
public sealed class WorkshopScriptTests : IDisposable
{
    private const string FakeDotnet = """
        #!/usr/bin/env bash
        if [ "$1" = build ]; then
          echo "Build succeeded."
          echo "    0 Warning(s)"
          if [ -n "${FAKE_BUILD_FAIL:-}" ]; then echo "Program.cs(3,9): error CS1002: ; expected"; exit 1; fi
          mkdir -p "$(dirname "$FAKE_DLL")" && touch "$FAKE_DLL"
          exit 0
        fi
        echo "TABLE for $2"
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("workshop-script-").FullName;

    public WorkshopScriptTests()
    {
        File.Copy(Path.Combine(RepoPaths.Root, "workshop"), Path.Combine(_root, "workshop"));
        Directory.CreateDirectory(Path.Combine(_root, "src", "Workshop.Cli"));
        Directory.CreateDirectory(Path.Combine(_root, "fakebin"));
        File.WriteAllText(Path.Combine(_root, "fakebin", "dotnet"), FakeDotnet.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        // The wrapper is a bash script: on Windows (no execute bit) the test fails at the start, it does not skip.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(_root, "fakebin", "dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task Workshop_list_prints_only_its_table_when_the_cli_had_to_be_built_first()
    {
        var (exit, stdout, stderr) = await RunAsync(fail: false);

        Assert.Equal(0, exit);
        Assert.Equal("TABLE for list\n", stdout);
        Assert.Equal("", stderr);
        Assert.True(File.Exists(Dll), "the stand-in build did not run, so the test proved nothing");
    }

    [Fact]
    public async Task A_failed_build_shows_its_errors_and_stops_before_running_the_command()
    {
        var (exit, stdout, stderr) = await RunAsync(fail: true);

        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("TABLE", stdout, StringComparison.Ordinal);
        Assert.Contains("error CS1002", stderr, StringComparison.Ordinal);
        Assert.Contains("building the CLI failed", stderr, StringComparison.Ordinal);
    }

    private string Dll => Path.Combine(_root, "src", "Workshop.Cli", "bin", "Debug", "net10.0", "workshop.dll");

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(bool fail)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(_root, "workshop"));
        info.ArgumentList.Add("list");
        info.Environment["PATH"] = Path.Combine(_root, "fakebin") + ":" + Environment.GetEnvironmentVariable("PATH");
        info.Environment["FAKE_DLL"] = Dll;
        info.Environment.Remove("WORKSHOP_ROOT");
        if (fail) info.Environment["FAKE_BUILD_FAIL"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
