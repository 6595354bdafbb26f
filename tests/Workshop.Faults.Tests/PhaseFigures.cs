using System.Globalization;

namespace Workshop.Faults.Tests;

/// <summary>What the readers saw in one broadcast phase.</summary>
internal sealed record PhaseFigures(int Clients, long Expected, long Delivered, double P50, double P99, double Max)
{
    public long Lost => Math.Max(0, Expected - Delivered);

    public long Duplicated => Math.Max(0, Delivered - Expected);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Clients} clients, delivered {Delivered}/{Expected}, lost {Lost}, duplicated {Duplicated}, latency p50 {Figures.Ms(P50)}, p99 {Figures.Ms(P99)}, max {Figures.Ms(Max)}");
}
