namespace Workshop.Bench.Load.Report.Charts;

/// <summary>
/// Horizontal grouped bars: one group per figure (a scenario and a percentile, or a scenario), one bar per series
/// (target), the value written at the bar's end. A missing value is drawn as the words "not measured", never as a
/// bar; an optional dashed line marks a target (8 KB per connection).
/// </summary>
internal sealed record BarChart(string Title, string Unit, IReadOnlyList<string> Series, IReadOnlyList<BarGroup> Groups, bool Log)
{
    private const double Left = 190;
    private const double Right = 90;
    private const double Width = 760;
    private const double BarHeight = 14;
    private const double Top = 58;

    /// <summary>A reference line across the plot (a target), with its label.</summary>
    public (double Value, string Label)? Marker { get; init; }

    public string Render()
    {
        var groupHeight = (Series.Count * BarHeight) + 12;
        var height = Top + (Groups.Count * groupHeight) + 40;
        var svg = new SvgCanvas(Width, height, Title);
        svg.Text(16, 22, Title, size: 15, bold: true);
        svg.Legend(Series, 44);
        var values = Groups.SelectMany(g => g.Values).Append(Marker?.Value ?? double.NaN);
        var axis = new Axis(values, Log, Left, Width - Right);
        var bottom = Top + (Groups.Count * groupHeight);
        foreach (var tick in axis.Ticks())
        {
            var x = axis.Map(tick);
            svg.Line(x, Top - 4, x, bottom, "#e5e7eb");
            svg.Text(x, bottom + 14, Figures.Format(tick), "middle", 10, "#6b7280");
        }
        svg.Text((Left + Width - Right) / 2, bottom + 30, Unit + (Log ? " (log scale)" : ""), "middle", 11, "#374151");
        for (var g = 0; g < Groups.Count; g++)
        {
            var y = Top + (g * groupHeight);
            svg.Text(Left - 8, y + (groupHeight / 2) + 2, Groups[g].Label, "end", 11);
            for (var s = 0; s < Series.Count; s++)
            {
                var value = s < Groups[g].Values.Count ? Groups[g].Values[s] : double.NaN;
                var barY = y + (s * BarHeight);
                if (double.IsNaN(value))
                {
                    svg.Text(Left + 4, barY + BarHeight - 3, Series[s] + ": not measured", size: 10, fill: "#9ca3af");
                    continue;
                }
                var end = axis.Map(value);
                svg.Rect(Left, barY + 1, end - Left, BarHeight - 2, SvgCanvas.Palette[s % SvgCanvas.Palette.Length], $"{Series[s]}, {Groups[g].Label}: {Figures.Format(value)} {Unit}");
                svg.Text(end + 4, barY + BarHeight - 3, Figures.Format(value), size: 10, fill: "#374151");
            }
        }
        if (Marker is { } marker)
        {
            var x = axis.Map(marker.Value);
            svg.Line(x, Top - 4, x, bottom, "#dc2626", 1.5, "5 3");
            svg.Text(x + 3, Top - 6, marker.Label, size: 10, fill: "#dc2626");
        }
        return svg.ToString();
    }
}

/// <summary>One group of bars: its label and one value per series (NaN: not measured).</summary>
internal sealed record BarGroup(string Label, IReadOnlyList<double> Values);
