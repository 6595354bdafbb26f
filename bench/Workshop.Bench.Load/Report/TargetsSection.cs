using System.Text;
using Workshop.Bench.Load.Stats;

namespace Workshop.Bench.Load.Report;

/// <summary>The issue's targets for the reference, each with the measured figure and by how much it is met or missed.</summary>
internal static class TargetsSection
{
    public static void Append(StringBuilder md, Figures f)
    {
        const string r = "reference";
        md.AppendLine("## Targets (issue 6) for the reference, one server core").AppendLine();
        var echo = f.Median("echo", r, x => x.Rate);
        md.AppendLine($"- WS echo ≥ 1.0× the Node `ws` peer: {Figures.AtLeast(Percentiles.Ratio(echo, f.Median("echo", "node", x => x.Rate)), 1.0, "×")}");
        md.AppendLine($"- WS echo ≥ 90 % of the raw limit: {Figures.AtLeast(Percentiles.Ratio(echo, f.Median("echo", "raw", x => x.Rate)) * 100, 90, " %")}");
        md.AppendLine($"- WS echo p99 no worse than Node's: {Figures.AtMost(f.Median("echo", r, x => x.P99Ms), f.Median("echo", "node", x => x.P99Ms), " ms")}");
        md.AppendLine($"- Memory ≤ 8 KB per idle WebSocket: {Figures.AtMost(f.Memory("mem-ws", r), 8, " KB")}");
        md.AppendLine($"- Memory ≤ 8 KB per idle SSE connection: {Figures.AtMost(f.Memory("mem-sse", r), 8, " KB")}");
        md.AppendLine($"- WS broadcast 1,000 × 200/s, 100 % delivered: {Figures.AtLeast(f.Median("broadcast", r, x => x.Share) * 100, 100, " %")}");
        md.AppendLine($"- WS broadcast 1,000 × 200/s, p99 ≤ 20 ms: {Figures.AtMost(f.Median("broadcast", r, x => x.P99Ms), 20, " ms")}");
        md.AppendLine($"- WS broadcast 10,000 × 50/s, 100 % delivered, p99 ≤ 250 ms: {Pair(f, "broadcast-10000", 250)}");
        md.AppendLine($"- SSE 10,000 × 100/s, every event delivered, p99 ≤ 1 s: {Pair(f, "sse-10000", 1000)}");
        md.AppendLine($"- Webhook receiver ≥ 3× the Node peer: {Figures.AtLeast(Percentiles.Ratio(f.Median("webhook", r, x => x.Rate), f.Median("webhook", "node", x => x.Rate)), 3.0, "×")}");
        md.AppendLine($"- Webhook sender ≥ 2,000 durable deliveries/s through the SQLite outbox: {Figures.AtLeast(f.Median("sender", r, x => x.Rate), 2000, "/s")}");
        md.AppendLine();
    }

    private static string Pair(Figures f, string scenario, double p99Ceiling) =>
        f.Has(scenario)
            ? $"delivered {Figures.AtLeast(f.Median(scenario, "reference", x => x.Share) * 100, 100, " %")}; p99 {Figures.AtMost(f.Median(scenario, "reference", x => x.P99Ms), p99Ceiling, " ms")}"
            : "not measured in this run";
}
