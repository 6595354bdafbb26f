// Probe 04-polling-cost, learner function: PollingCost
using System;
using System.Collections.Generic;

internal static class Probe_04_polling_cost
{
    public static IEnumerable<ProbeCase> Cases(Random random, Func<TimeSpan, TimeSpan, (double RequestsPerMinute, double EmptyShare)> pollingCost)
    {
        var cases = new List<(TimeSpan Poll, TimeSpan Event)>
        {
            (TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(10)), (TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)),
            (TimeSpan.FromSeconds(5), TimeSpan.FromHours(1)), (TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)),
        };
        for (var i = 0; i < 10; i++) cases.Add((TimeSpan.FromMilliseconds(random.Next(10, 600_001)), TimeSpan.FromMilliseconds(random.Next(10, 7_200_001))));
        foreach (var (poll, every) in cases)
        {
            // Within 0.001 of the worked answer, as the check cell's Near.
            yield return ProbeCase.Of($"PollingCost(poll every {poll}, an event every {every})", () =>
            {
                var (requests, empty) = pollingCost(poll, every);
                return $"{ProbeText.Near(requests, 0.001)} requests a minute, {ProbeText.Near(empty, 0.001)} empty";
            });
        }
    }
}
