// Probe 03-retry-delay, learner function: RetryDelay
using System;
using System.Collections.Generic;

internal static class Probe_03_retry_delay
{
    public static IEnumerable<ProbeCase> Cases(Random random, Func<int, TimeSpan, TimeSpan, double, TimeSpan> retryDelay)
    {
        var second = TimeSpan.FromSeconds(1);
        var hour = TimeSpan.FromHours(1);
        var cases = new List<(int Retry, TimeSpan Base, TimeSpan Max, double Random)> { (1, second, hour, 0.8), (1, second, hour, 0), (3, second, hour, 0.5), (13, second, hour, 0), (100, second, hour, 0.5) };
        for (var i = 0; i < 12; i++)
        {
            // Early retries (under the cap), late ones (over it) and very late ones (where TimeSpan arithmetic overflows).
            var retry = i % 3 == 0 ? random.Next(1, 6) : i % 3 == 1 ? random.Next(6, 25) : random.Next(60, 200);
            cases.Add((retry, TimeSpan.FromMilliseconds(random.Next(10, 5001)), TimeSpan.FromMilliseconds(random.Next(60_000, 7_200_001)), Math.Round(random.NextDouble(), 3)));
        }
        foreach (var (retry, baseDelay, maxDelay, jitter) in cases)
        {
            // Within 1 ms of the worked answer, as the check cell's Near.
            yield return ProbeCase.Of($"RetryDelay({retry}, {baseDelay}, {maxDelay}, {jitter})", () => ProbeText.Near(retryDelay(retry, baseDelay, maxDelay, jitter).TotalMilliseconds, 1));
        }
    }
}
