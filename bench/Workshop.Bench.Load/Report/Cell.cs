namespace Workshop.Bench.Load.Report;

/// <summary>A figure for the report: its value, or why there is none (NaN value and a reason).</summary>
internal readonly record struct Cell(double Value, string? NotMeasured = null)
{
    public bool HasValue => !double.IsNaN(Value);

    public static Cell Missing { get; } = new(double.NaN);

    /// <summary>The formatted value, "—" when nothing was measured, or "not measured: why" when the figure was refused.</summary>
    public string Show(Func<double, string> format) =>
        NotMeasured is not null ? "not measured: " + NotMeasured : format(Value);
}
