using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Workshop.Grading.Manifest;
using Workshop.Site;

namespace Workshop.Cli.Commands;

/// <summary><c>workshop site build [--out &lt;dir&gt;] [--playground &lt;url&gt;] [--bench]</c>: generates the course site.</summary>
public static class SiteCommand
{
    /// <summary>The <c>site</c> command with its <c>build</c> subcommand.</summary>
    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = $"Output folder (default: {SiteInfo.DefaultOutput} under the repository root)." };
        var playground = new Option<string?>("--playground") { Description = $"Where the header's Playground link points (default: site/site.json's \"playground\", else {SiteInfo.DefaultPlayground})." };
        var bench = new Option<bool>("--bench") { Description = "Measure: one cold build, then warm rebuilds in the same process." };
        var build = new Command("build", "Build the static course site from site/, the README, the labs and the notebooks.") { output, playground, bench };
        build.SetAction(parse => Run(parse.GetValue(output), new SiteOptions { PlaygroundUrl = parse.GetValue(playground) }, parse.GetValue(bench)));
        return new Command("site", "The course site.") { build };
    }

    private static int Run(string? output, SiteOptions options, bool bench)
    {
        // The ./workshop wrapper names the repository in WORKSHOP_ROOT; otherwise look up from where we stand.
        var named = Environment.GetEnvironmentVariable("WORKSHOP_ROOT");
        var root = CourseRoot.FindAbove(string.IsNullOrWhiteSpace(named) ? Directory.GetCurrentDirectory() : named);
        if (root is null)
        {
            Console.Error.WriteLine("workshop site build: run it inside the repository (no labs/labs.json found above this folder).");
            return 2;
        }
        var outDir = Path.GetFullPath(output ?? Path.Combine(root, SiteInfo.DefaultOutput));
        try
        {
            var report = SiteBuilder.Build(root, outDir, options);
            Console.WriteLine($"Built {report.PageCount} pages into {report.OutputDirectory} in {Ms(report.Elapsed)}.");
            if (bench) Bench(root, outDir, options, report.Elapsed);
            Console.WriteLine($"Open {Path.Combine(report.OutputDirectory, "index.html")}");
            return 0;
        }
        catch (SiteBuildException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    /// <summary>Warm = the same build repeated in this process, after the first (cold) one paid for JIT and regex compilation.</summary>
    private static void Bench(string root, string outDir, SiteOptions options, TimeSpan cold)
    {
        const int runs = 10;
        var warm = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            SiteBuilder.Build(root, outDir, options);
            warm.Add(clock.Elapsed.TotalMilliseconds);
        }
        warm.Sort();
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"bench: cold {cold.TotalMilliseconds:0} ms; warm over {runs} builds: min {warm[0]:0} ms, median {warm[runs / 2]:0} ms, max {warm[^1]:0} ms ({Environment.ProcessorCount} cores)"));
    }

    private static string Ms(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:0} ms");
}
