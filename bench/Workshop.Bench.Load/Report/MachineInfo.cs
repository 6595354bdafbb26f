using System.Diagnostics;
using System.Text.Json;

namespace Workshop.Bench.Load.Report;

/// <summary>What the results were measured on: CPU, cores, kernel, memory and every tool's version.</summary>
internal static class MachineInfo
{
    public static Dictionary<string, string> Collect(string repoRoot)
    {
        var node = Path.Combine(repoRoot, "bench", "node", "node_modules");
        return new Dictionary<string, string>
        {
            ["CPU"] = FirstLine(File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()),
            ["cores"] = Environment.ProcessorCount + " visible to the generator (pinned); " + Run("nproc", "--all") + " online",
            ["kernel"] = Run("uname", "-sr"),
            ["memory"] = FirstLine(File.ReadLines("/proc/meminfo").FirstOrDefault())?.Replace("MemTotal:", "", StringComparison.Ordinal).Trim() ?? "?",
            [".NET SDK"] = Run("dotnet", "--version"),
            ["ASP.NET Core runtime"] = Run("dotnet", "--list-runtimes").Split('\n').LastOrDefault(l => l.StartsWith("Microsoft.AspNetCore.App", StringComparison.Ordinal))?.Split(' ')[1] ?? "?",
            ["Node.js"] = Run("node", "--version"),
            ["ws"] = PackageVersion(node, "ws"),
            ["express"] = PackageVersion(node, "express"),
            ["wrk"] = FirstLine(Run("wrk", "-v")),
        };
    }

    private static string PackageVersion(string nodeModules, string name)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(nodeModules, name, "package.json")));
            return json.RootElement.GetProperty("version").GetString() ?? "?";
        }
        catch (IOException)
        {
            return "not installed";
        }
    }

    private static string FirstLine(string? text) => text?.Split('\n')[0].Trim() ?? "?";

    private static string Run(string program, string args)
    {
        try
        {
            var info = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return output.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not installed";
        }
    }
}
