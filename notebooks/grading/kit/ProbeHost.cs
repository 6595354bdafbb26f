using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

// The probe program's Main: runs each exercise (the learner's cell, then its probe) with a deadline and writes the
// results file named on the command line. Nothing here decides a verdict: the grader compares the results with the
// worked answer's, in its own process.
internal static class ProbeHost
{
    public static async Task<int> RunAsync(string[] args, IReadOnlyList<(string Id, Func<ProbeRun, Task> Run)> exercises)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
        var seed = int.Parse(options["--seed"], CultureInfo.InvariantCulture);
        var caseTimeout = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("--case-timeout", "10"), CultureInfo.InvariantCulture));
        var exerciseTimeout = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("--exercise-timeout", "60"), CultureInfo.InvariantCulture));
        var only = options.TryGetValue("--only", out var list) ? list.Split(',').ToHashSet() : null;
        var writer = new ProbeResultWriter(options["--results"], options["--nonce"]);
        foreach (var (id, run) in exercises.Where(e => only is null || only.Contains(e.Id)))
        {
            try
            {
                // The cell's own statements run here too (before the probe's cases): they get the same deadline.
                await Task.Run(() => run(new ProbeRun(id, seed, caseTimeout, writer))).WaitAsync(exerciseTimeout);
            }
            catch (TimeoutException)
            {
                writer.Failed(id, "timeout", $"the exercise did not finish within {exerciseTimeout.TotalSeconds:0} s");
            }
            catch (Exception e)
            {
                var inner = ProbeRun.Unwrap(e);
                writer.Failed(id, inner is NotImplementedException ? "notdone" : "threw", $"the exercise cell threw {inner.GetType().Name}: {inner.Message}");
            }
            writer.End(id);
        }
        writer.Dispose();
        // A learner's thread that still spins (a hung case) must not keep the program alive.
        Environment.Exit(0);
        return 0;
    }
}
