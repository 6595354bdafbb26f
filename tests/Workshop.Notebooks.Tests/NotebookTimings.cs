using System.Collections.Concurrent;

namespace Workshop.Notebooks.Tests;

/// <summary>Collects how long each notebook took, so the budget test and the CI log can report the total.</summary>
public static class NotebookTimings
{
    private static readonly ConcurrentDictionary<string, TimeSpan> Timings = new();

    /// <summary>Records the wall-clock time of one notebook run.</summary>
    public static void Record(string notebook, TimeSpan elapsed) => Timings[notebook] = elapsed;

    /// <summary>The sum of all recorded runs.</summary>
    public static TimeSpan Total => TimeSpan.FromTicks(Timings.Values.Sum(t => t.Ticks));
}
