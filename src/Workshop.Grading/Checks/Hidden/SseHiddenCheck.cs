using Workshop.Grading.Probes;

namespace Workshop.Grading.Checks.Hidden;

/// <summary>
/// <c>"kind": "sse"</c>: opens the stream at <see cref="HiddenCheck.Path"/> (optionally with a <c>lastEventId</c>),
/// sends the <c>then</c> requests (e.g. a publish), and expects the <c>expectEvents</c> in order (other events may
/// come between) within <c>withinMs</c>, and a <c>retry:</c> of <c>expectRetry</c> milliseconds.
/// </summary>
internal sealed class SseHiddenCheck : HiddenCheck
{
    public string? LastEventId { get; init; }

    public List<HiddenRequest> Then { get; init; } = [];

    public List<SseExpectedEvent> ExpectEvents { get; init; } = [];

    public int? ExpectRetry { get; init; }

    public int WithinMs { get; init; } = 5000;

    public override string Describe() =>
        $"GET {Path} streams {string.Join(", then ", ExpectEvents)}"
        + (Then.Count == 0 ? "" : $" after {string.Join(", ", Then.Select(t => $"{t.Method.ToUpperInvariant()} {t.Path}"))}")
        + (ExpectRetry is null ? "" : $", with retry: {ExpectRetry}");

    public override string? Validate(string lab) =>
        ExpectEvents.Count == 0 && ExpectRetry is null ? "an sse check needs \"expectEvents\" or \"expectRetry\"" : null;

    public override async Task<CheckOutcome> RunAsync(CheckContext context)
    {
        var token = RunToken.New();
        var within = TimeSpan.FromMilliseconds(WithinMs);
        await using var probe = await SseProbe.OpenAsync(context.Http, context.MapPath(RunToken.Apply(Path, token)), within, context.CancellationToken,
            LastEventId is null ? null : RunToken.Apply(LastEventId, token));
        var seen = new List<string>();
        foreach (var request in Then)
        {
            using var answer = await request.SendAsync(context, token);
            if (!answer.IsSuccessStatusCode) return CheckOutcome.Fail($"{request.Method.ToUpperInvariant()} {request.Path} answered {(int)answer.StatusCode}");
        }
        foreach (var expected in ExpectEvents)
        {
            if (await probe.NextMatchingAsync(e => expected.Matches(e, token), within, seen) is null)
            {
                return CheckOutcome.Fail($"no {expected} within {WithinMs} ms; saw [{string.Join(", ", seen)}]");
            }
        }
        if (ExpectRetry is { } retry)
        {
            // retry: may come with the first event, before any expected one: read one event when none was read.
            if (probe.ReconnectionInterval is null && seen.Count == 0) await probe.NextAsync(within);
            var got = probe.ReconnectionInterval ?? (probe.ParserReconnectionInterval == Timeout.InfiniteTimeSpan ? null : probe.ParserReconnectionInterval);
            if (got is null || (int)got.Value.TotalMilliseconds != retry)
            {
                return CheckOutcome.Fail($"retry: {(got is null ? "(none)" : ((int)got.Value.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture))}; saw [{string.Join(", ", seen)}]");
            }
        }
        return CheckOutcome.Pass($"saw [{string.Join(", ", seen)}]");
    }
}
