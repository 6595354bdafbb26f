using System.Globalization;

namespace Workshop.Grading.Labs;

/// <summary>
/// Judges the gaps a receiver measured between a sender's attempts against lab 07's documented schedule (200 ms
/// doubling, 1 s cap). Why these rules: a loaded machine only ever adds delay to a gap, so each gap's lower bound
/// (90 % of its scheduled wait) is exact, while upper limits are ratios between gaps with wide margins: a noisy
/// second or so on one attempt does not fail a correct sender, and a fixed, uncapped or from-the-cap schedule still
/// fails.
/// </summary>
internal static class RetrySchedule
{
    /// <summary>The lab's waits after failures 1 to 5 (its appsettings.json defaults), in milliseconds.</summary>
    public static readonly double[] Waits = [200, 400, 800, 1000, 1000];

    /// <summary>What is wrong with <paramref name="gaps"/> (ms between attempts 1–6); empty when the schedule holds.</summary>
    public static List<string> Problems(IReadOnlyList<double> gaps)
    {
        var problems = new List<string>();
        if (gaps.Count != Waits.Length) return problems; // the attempt count is judged (and reported) by the caller
        for (var i = 0; i < gaps.Count; i++)
        {
            if (gaps[i] < 0.9 * Waits[i]) problems.Add($"wait {i + 1} was {Ms(gaps[i])}, shorter than {Ms(Waits[i])}");
        }
        // Doubling from 200 ms reaches the cap five times higher; a fixed wait (even a long one) never grows.
        if (Math.Min(gaps[3], gaps[4]) < 2 * gaps[0]) problems.Add($"the waits do not grow: the last ones ({Ms(gaps[3])}, {Ms(gaps[4])}) are not twice the first ({Ms(gaps[0])})");
        // At the cap the wait stops growing; without one the 5th wait is twice the 4th.
        if (gaps[4] > 1.5 * gaps[3]) problems.Add($"no cap: wait 5 ({Ms(gaps[4])}) is still growing from wait 4 ({Ms(gaps[3])})");
        return problems;
    }

    /// <summary>Gaps between consecutive arrival times, in milliseconds.</summary>
    public static List<double> Gaps(IReadOnlyList<TimeSpan> arrivals) =>
        arrivals.Zip(arrivals.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();

    /// <summary>A list of durations for a report: <c>[212 ms, 405 ms]</c>.</summary>
    public static string Show(IEnumerable<double> ms) => $"[{string.Join(", ", ms.Select(Ms))}]";

    private static string Ms(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:0} ms");
}
