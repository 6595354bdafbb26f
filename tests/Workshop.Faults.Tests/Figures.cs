using System.Globalization;

namespace Workshop.Faults.Tests;

/// <summary>Small statistics for the figures each fault test prints.</summary>
internal static class Figures
{
    /// <summary>The <paramref name="percent"/> percentile (nearest rank) of <paramref name="values"/>; 0 when empty.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>An environment override for a count (CI can scale a test up or down without a code change).</summary>
    public static int Count(string variable, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
}
