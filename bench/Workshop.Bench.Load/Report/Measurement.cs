using Workshop.Bench.Load.Scenarios;

namespace Workshop.Bench.Load.Report;

/// <summary>One measured window of one scenario against one target; <c>Failure</c> set when it could not run.</summary>
internal sealed record Measurement(string Scenario, string Target, int Round, WindowResult? Result, string? Failure = null);

/// <summary>Everything a run produced, saved as JSON so the Markdown can be rendered again with new notes.</summary>
internal sealed record RunRecord(
    string Mode,
    DateTimeOffset StartedUtc,
    DateTimeOffset FinishedUtc,
    Dictionary<string, string> Machine,
    List<string> Checks,
    List<Measurement> Measurements,
    Dictionary<string, string> Settings);
