namespace Workshop.Bench.Load.Report;

/// <summary>What a reported figure measures, which decides the values it can possibly take.</summary>
public enum Quantity
{
    /// <summary>Events per second (round trips, deliveries, requests).</summary>
    Rate,

    /// <summary>A share of the offered load, 0 to 1.</summary>
    Share,

    /// <summary>A latency in milliseconds.</summary>
    LatencyMs,

    /// <summary>CPU as a share of the one core a process set is pinned to.</summary>
    Cpu,

    /// <summary>Resident memory per idle connection, in KB.</summary>
    KbPerConnection,

    /// <summary>CPU time per operation (delivery, round trip), in microseconds.</summary>
    MicrosPerOperation,
}
