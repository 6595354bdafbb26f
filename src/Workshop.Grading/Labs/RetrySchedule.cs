using System.Globalization;

namespace Workshop.Grading.Labs;

/// <summary>
/// Judges the gaps a receiver measured between a sender's attempts against lab 07's documented schedule (200 ms
/// doubling, 1 s cap). Why these rules: a loaded machine only ever adds delay to a gap (one burst of load was seen to
/// turn a 200 ms wait into 880 ms), so a rule may demand "at least" tightly but "at most" only loosely. Each gap's
/// lower bound (90 % of its wait) is exact. Growth compares sums (the last two waits are at least 0.5 s longer than
/// the first two: 2000 vs 600 ms when right, so 0.9 s of extra delay on the early ones is forgiven; a fixed wait of
/// any length fails). The cap is an upper bound that noise cannot rescue a wrong schedule from: without a cap the 5th
/// wait is 3.2 s, and a loaded machine never makes that shorter.
/// </summary>
internal static class RetrySchedule
{
    /// <summary>The lab's waits after failures 1 to 5 (its appsettings.json defaults), in milliseconds.</summary>
    public static readonly double[] Waits = [200, 400, 800, 1000, 1000];

    private const double GrowthMs = 500;
    private const double CapLimitMs = 2400;

    /// <summary>What is wrong with <paramref name="gaps"/> (ms between attempts 1–6); empty when the schedule holds.</summary>
    public static List<string> Problems(IReadOnlyList<double> gaps)
    {
        var problems = new List<string>();
        if (gaps.Count != Waits.Length) return problems; // the attempt count is judged (and reported) by the caller
        for (var i = 0; i < gaps.Count; i++)
        {
            if (gaps[i] < 0.9 * Waits[i]) problems.Add($"wait {i + 1} was {Ms(gaps[i])}, shorter than {Ms(Waits[i])}");
        }
        // Doubling from 200 ms ends five times higher; a fixed wait (even a long one) does not grow at all.
        if (gaps[3] + gaps[4] < gaps[0] + gaps[1] + GrowthMs) problems.Add($"the waits do not grow: the last two ({Ms(gaps[3])}, {Ms(gaps[4])}) are not {Ms(GrowthMs)} longer than the first two ({Ms(gaps[0])}, {Ms(gaps[1])})");
        // At the 1 s cap the 5th wait is 1 s (plus whatever the machine adds); without a cap it is 3.2 s.
        if (gaps[4] > CapLimitMs) problems.Add($"no cap: wait 5 was {Ms(gaps[4])} (the cap is 1 s; more than {Ms(CapLimitMs)} is not noise)");
        return problems;
    }

    /// <summary>Gaps between consecutive arrival times, in milliseconds.</summary>
    public static List<double> Gaps(IReadOnlyList<TimeSpan> arrivals) =>
        arrivals.Zip(arrivals.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();

    /// <summary>A list of durations for a report: <c>[212 ms, 405 ms]</c>.</summary>
    public static string Show(IEnumerable<double> ms) => $"[{string.Join(", ", ms.Select(Ms))}]";

    private static string Ms(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:0} ms");
}
