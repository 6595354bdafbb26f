// Probe 02-replay-after, learner function: EventsToReplay
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

internal static class Probe_02_replay_after
{
    public static IEnumerable<ProbeCase> Cases(Random random, Func<IReadOnlyList<(long Id, string Data)>, string?, List<(long Id, string Data)>?> eventsToReplay)
    {
        // The check cell's log (ids 5..10) and its Last-Event-IDs, then logs that start and end elsewhere.
        var logs = new List<(long First, int Count, string?[] Seen)> { (5, 6, [null, "7", "4", "10", "2", "42", "not-a-number"]) };
        for (var i = 0; i < 6; i++)
        {
            var first = random.NextInt64(3, 100_000);
            var count = random.Next(1, 12);
            var last = first + count - 1;
            string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
            logs.Add((first, count, [null, Id(first - 1), Id(first - 2), Id(random.NextInt64(first, last + 1)), Id(last), Id(last + random.Next(1, 50)),
                Id(random.NextInt64(0, Math.Max(1, first - 2))), "abc", "7x"]));
        }
        foreach (var (first, count, seen) in logs)
        {
            var log = Enumerable.Range(0, count).Select(i => (first + i, $"update {first + i}")).ToList();
            foreach (var lastEventId in seen)
            {
                yield return ProbeCase.Of($"EventsToReplay(log of ids {first}..{first + count - 1}, Last-Event-ID: {lastEventId ?? "none"})",
                    () => ProbeText.Ids(eventsToReplay(log.ToList(), lastEventId)?.Select(e => e.Id)));
            }
        }
    }
}
