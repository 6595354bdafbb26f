using System.Diagnostics;

namespace Workshop.Labs.Tests.Mutants;

/// <summary>Makes a scratch copy of a lab's solution/ (no bin/obj) and applies a mutant's patch to it with <c>git apply</c>.</summary>
public static class MutantCopy
{
    /// <summary>Copies <paramref name="solution"/> to <paramref name="destination"/> and applies the patch; throws with git's words when it does not apply.</summary>
    public static async Task CreateAsync(string solution, Mutant mutant, string destination)
    {
        if (Directory.Exists(destination)) Directory.Delete(destination, recursive: true);
        Copy(solution, destination);
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = destination,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // git apply patches the folder itself (paths relative to solution/) only outside a repository: a temp folder
        // inside a checkout would make it resolve paths against that repository's root, so discovery stops here.
        info.Environment["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(Path.GetFullPath(destination));
        foreach (var arg in new[] { "apply", "--whitespace=nowarn", mutant.PatchPath }) info.ArgumentList.Add(arg);
        using var git = Process.Start(info) ?? throw new InvalidOperationException("git did not start");
        var stderr = git.StandardError.ReadToEndAsync();
        await git.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await git.WaitForExitAsync(deadline.Token);
        if (git.ExitCode != 0) throw new InvalidOperationException($"mutant {mutant} does not apply to {solution}: {await stderr}");
    }

    /// <summary>A fresh copy of <paramref name="source"/> at <paramref name="destination"/>, without bin/obj or local data.</summary>
    public static void CopyClean(string source, string destination)
    {
        if (Directory.Exists(destination)) Directory.Delete(destination, recursive: true);
        Copy(source, destination);
    }

    private static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        foreach (var sub in Directory.GetDirectories(source))
        {
            if (Path.GetFileName(sub) is "bin" or "obj" or ".workshop" or ".data") continue;
            Copy(sub, Path.Combine(destination, Path.GetFileName(sub)));
        }
    }
}
