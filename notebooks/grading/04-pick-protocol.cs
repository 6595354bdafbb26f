// Probe 04-pick-protocol, learner function: PickProtocol
using System;
using System.Collections.Generic;

internal static class Probe_04_pick_protocol
{
    // The check cell's scenarios; where it accepts more than one protocol, every accepted pick reads the same.
    private static readonly (string Scenario, string[] AlsoGood)[] Scenarios =
    [
        ("a two-player chess game in the browser", []),
        ("live cricket scores on a news page", []),
        ("Razorpay tells your server a payment was captured", []),
        ("GitHub tells your CI server about a push", []),
        ("a support chat between a customer and an agent", []),
        ("per-user notifications in a web app (new follower, new comment)", []),
        ("a script without a public address checks once an hour whether a report is ready", []),
        ("a read-only stock ticker for thousands of browsers", ["SSE", "WebSocket"]),
    ];

    public static IEnumerable<ProbeCase> Cases(Random random, Func<string, string> pickProtocol)
    {
        foreach (var (scenario, alsoGood) in Scenarios)
        {
            yield return ProbeCase.Of($"PickProtocol({ProbeText.Show(scenario)})", () =>
            {
                var pick = pickProtocol(scenario);
                return Array.IndexOf(alsoGood, pick) >= 0 ? "one of " + string.Join(" or ", alsoGood) : ProbeText.Show(pick);
            });
        }
    }
}
