using System.Diagnostics;
using System.Globalization;
using Workshop.Grading.Checks;

namespace Workshop.Grading.Labs;

/// <summary>
/// Watches an idle <c>text/event-stream</c> line by line, as it arrives, and judges its heartbeats: something at
/// least every 3 s, over a window of at least 2 s between the first and the last heartbeat seen, no flood, every line
/// well formed, and the stream still open at the end. A heartbeat is a comment line (<c>: ping</c>) or a complete
/// event other than news. Raw lines, because a comment is invisible to an SSE parser.
/// </summary>
internal static class HeartbeatWatch
{
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Opening = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1.8);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(12);
    private static readonly string[] Fields = ["event", "data", "id", "retry"];
    private const int PerSecond = 10;

    /// <summary>Reads <paramref name="reader"/> until the heartbeats are proven or broken.</summary>
    public static async Task<CheckOutcome> JudgeAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var beats = new List<TimeSpan>();
        var lines = new List<string>();
        string? eventType = null;
        var fields = 0;
        while (clock.Elapsed < Limit)
        {
            var (silent, text) = await ReadLineAsync(reader, cancellationToken);
            if (silent) return CheckOutcome.Fail($"silence for {Silence.TotalSeconds:0} s after {Report(beats, lines)}: no heartbeat");
            if (text is null) return CheckOutcome.Fail($"the stream ended after {Report(beats, lines)}: a heartbeat must keep it open");
            lines.Add(text);
            if (!WellFormed(text, out var field)) return CheckOutcome.Fail($"a malformed line \"{text}\" (a browser ignores it: a heartbeat is a comment \": ping\" or an event with data:), after {Report(beats, lines)}");
            var now = clock.Elapsed;
            var beat = false;
            if (text.StartsWith(':')) beat = true;
            else if (text.Length == 0)
            {
                beat = fields > 0 && eventType != "news";
                (eventType, fields) = (null, 0);
            }
            else
            {
                fields++;
                if (field == "event") eventType = text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..].TrimStart();
            }
            if (!beat || now < Opening) continue;
            if (beats.Count > 0 && now - beats[^1] > Silence) return CheckOutcome.Fail($"{Seconds(now - beats[^1])} between two heartbeats (at most {Silence.TotalSeconds:0} s): {Report(beats, lines)}");
            beats.Add(now);
            var window = beats[^1] - beats[0];
            if (beats.Count > 2 + PerSecond * Math.Max(window.TotalSeconds, 1)) return CheckOutcome.Fail($"a flood of heartbeats: {Report(beats, lines)}; one per second of silence is plenty");
            if (beats.Count >= 2 && window >= Window) return CheckOutcome.Pass(Report(beats, lines));
        }
        return CheckOutcome.Fail($"no {Window.TotalSeconds:0.0} s of heartbeats within {Limit.TotalSeconds:0} s: {Report(beats, lines)}");
    }

    private static bool WellFormed(string line, out string field)
    {
        field = "";
        if (line.Length == 0 || line.StartsWith(':')) return true;
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        field = colon < 0 ? line : line[..colon];
        return Fields.Contains(field);
    }

    private static async Task<(bool Silent, string? Text)> ReadLineAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(Silence);
        try
        {
            return (false, await reader.ReadLineAsync(wait.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (true, null);
        }
        catch (IOException)
        {
            return (false, null); // the connection was cut: the stream ended
        }
    }

    private static string Report(List<TimeSpan> beats, List<string> lines) =>
        $"{beats.Count} heartbeat(s) at [{string.Join(", ", beats.Select(Seconds))}]; last lines [{string.Join(" | ", lines.TakeLast(6).Select(l => l.Length > 60 ? l[..60] + "…" : l))}]";

    private static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.0} s");
}
