namespace Workshop.Bench.Load;

/// <summary>Window lengths and load sizes: the full matrix, or a tiny one (--quick) for a smoke test.</summary>
internal sealed record BenchSettings
{
    public required string Mode { get; init; }
    public required TimeSpan WarmUp { get; init; }
    public required TimeSpan Ramp { get; init; }
    public required TimeSpan Window { get; init; }
    public required TimeSpan Drain { get; init; }
    public required TimeSpan Settle { get; init; }
    public required int Rounds { get; init; }
    public required int EchoClients { get; init; }
    public required int BroadcastClients { get; init; }
    public required double BroadcastRate { get; init; }
    public required int[] SseClients { get; init; }

    /// <summary>SSE subscribers in the scale-out scenario (split between the two instances).</summary>
    public required int ScaleOutSseClients { get; init; }

    /// <summary>Warm-up of each set-up in the scale-out scenarios (shorter than the others' to keep them within 3 minutes).</summary>
    public required TimeSpan ScaleOutWarmUp { get; init; }

    /// <summary>Measured window of the scale-out scenarios (shorter than the others', for the same reason).</summary>
    public required TimeSpan ScaleOutWindow { get; init; }
    public required double SseRate { get; init; }
    public required int WebhookConnections { get; init; }
    public required int MemoryConnections { get; init; }
    public int MessageSize { get; init; } = 64;

    /// <summary>Light load (issue 15): WS broadcast clients and messages a second, well below saturation.</summary>
    public int LightBroadcastClients { get; init; } = 1000;
    public double LightBroadcastRate { get; init; } = 50;

    /// <summary>Light load: echo clients, each sending at a fixed pace, and the round trips a second they offer together.</summary>
    public int LightEchoClients { get; init; } = 100;
    public double LightEchoRate { get; init; } = 10_000;
    public int SenderDeliveries { get; init; } = 2000;
    public TimeSpan SenderDeadline { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The larger targets, run against the reference only (the Node peers fall over well before).</summary>
    public bool ReferenceScaleTargets { get; init; }
    public string WebhookSecret { get; init; } = "bench-secret-3f1c9a";

    public static BenchSettings Full { get; } = new()
    {
        Mode = "full",
        // 20 s at the window's load before a target's first window (the figure). Each server process stays
        // up for all of its rounds, so the later windows run on the same tiered-up code without another warm-up.
        WarmUp = TimeSpan.FromSeconds(20),
        Ramp = TimeSpan.FromSeconds(1),
        Window = TimeSpan.FromSeconds(6),
        Drain = TimeSpan.FromSeconds(2),
        Settle = TimeSpan.FromSeconds(3),
        Rounds = 3,
        EchoClients = 100,
        BroadcastClients = 1000,
        BroadcastRate = 200,
        SseClients = [1000, 5000],
        ScaleOutSseClients = 1000,
        ScaleOutWarmUp = TimeSpan.FromSeconds(8),
        ScaleOutWindow = TimeSpan.FromSeconds(4),
        SseRate = 100,
        WebhookConnections = 64,
        MemoryConnections = 5000,
        ReferenceScaleTargets = true,
    };

    public static BenchSettings Quick { get; } = new()
    {
        Mode = "quick",
        WarmUp = TimeSpan.FromSeconds(1),
        Ramp = TimeSpan.FromMilliseconds(200),
        Window = TimeSpan.FromSeconds(1),
        Drain = TimeSpan.FromMilliseconds(300),
        Settle = TimeSpan.FromMilliseconds(300),
        Rounds = 1,
        EchoClients = 10,
        BroadcastClients = 50,
        BroadcastRate = 50,
        SseClients = [50],
        ScaleOutSseClients = 50,
        ScaleOutWarmUp = TimeSpan.FromSeconds(1),
        ScaleOutWindow = TimeSpan.FromSeconds(1),
        SseRate = 50,
        WebhookConnections = 8,
        MemoryConnections = 100,
        SenderDeliveries = 50,
        LightBroadcastClients = 100,
        LightEchoClients = 10,
        LightEchoRate = 1000,
        SenderDeadline = TimeSpan.FromSeconds(10),
    };
}
