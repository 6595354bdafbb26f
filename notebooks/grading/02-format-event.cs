// Probe 02-format-event, learner function: FormatEvent
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.ServerSentEvents;
using System.Text;
using System.Threading.Tasks;

internal static class Probe_02_format_event
{
    private static readonly string[] Words = ["goal", "first line", "second line", "{\"home\":2}", "score: 3-1", "data: not a field", "ünïcode", "42", "a:b"];

    public static IEnumerable<ProbeCase> Cases(Random random, Func<long, int, string, string> formatEvent)
    {
        // Two events written back to back and read by the real SSE parser, as in the check cell: what counts is what
        // a client sees (data, id, retry), not the exact bytes.
        var pairs = new List<((long, int, string), (long, int, string))> { ((7, 3000, "first line\nsecond line"), (8, 1500, "{\"home\":2}")) };
        for (var i = 0; i < 8; i++)
        {
            (long, int, string) Event() => (random.NextInt64(1, 1_000_000_000_000), random.Next(100, 60_001),
                string.Join("\n", Enumerable.Range(0, random.Next(1, 5)).Select(_ => Words[random.Next(Words.Length)])));
            pairs.Add((Event(), Event()));
        }
        foreach (var (a, b) in pairs)
        {
            yield return ProbeCase.Of($"FormatEvent{Show(a)} + FormatEvent{Show(b)}, read by SseParser", async token =>
            {
                var stream = formatEvent(a.Item1, a.Item2, a.Item3) + formatEvent(b.Item1, b.Item2, b.Item3);
                var events = new List<string>();
                await foreach (var item in SseParser.Create(new MemoryStream(Encoding.UTF8.GetBytes(stream))).EnumerateAsync(token))
                {
                    events.Add($"[data {ProbeText.Show(item.Data)}, id {ProbeText.Show(item.EventId)}, retry {item.ReconnectionInterval?.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}]");
                }
                return $"{events.Count} event(s): {string.Join(" ", events)}";
            });
        }
    }

    private static string Show((long Id, int Retry, string Data) e) => $"({e.Id}, {e.Retry}, {ProbeText.Show(e.Data)})";
}
