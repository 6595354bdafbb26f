namespace Workshop.Bench.Load.Report.Charts;

/// <summary>
/// Delivered against offered, both per second on log axes: one point per scenario and series, a series' points
/// joined in order of load, and the diagonal where everything offered was delivered. A point below the diagonal is
/// load the server did not deliver in time.
/// </summary>
internal sealed record ScatterChart(string Title, string Unit, IReadOnlyList<string> Series, IReadOnlyList<ScatterPoint> Points)
{
    private const double Left = 80;
    private const double Width = 760;
    private const double Height = 460;
    private const double Top = 80;
    private const double Right = 110;
    private const double Bottom = 60;

    public string Render()
    {
        var svg = new SvgCanvas(Width, Height, Title);
        svg.Text(16, 22, Title, size: 15, bold: true);
        svg.Legend(Series, 44);
        var all = Points.SelectMany(p => new[] { p.Offered, p.Delivered }).ToList();
        var x = new Axis(all, log: true, Left, Width - Right);
        var y = new Axis(all, log: true, Height - Bottom, Top);
        foreach (var tick in x.Ticks())
        {
            svg.Line(x.Map(tick), Top, x.Map(tick), Height - Bottom, "#e5e7eb");
            svg.Text(x.Map(tick), Height - Bottom + 14, Figures.Format(tick), "middle", 10, "#6b7280");
        }
        foreach (var tick in y.Ticks())
        {
            svg.Line(Left, y.Map(tick), Width - Right, y.Map(tick), "#e5e7eb");
            svg.Text(Left - 6, y.Map(tick) + 3, Figures.Format(tick), "end", 10, "#6b7280");
        }
        var ticks = x.Ticks().ToList();
        if (ticks.Count > 0) svg.Line(x.Map(ticks[0]), y.Map(ticks[0]), x.Map(ticks[^1]), y.Map(ticks[^1]), "#6b7280", 1, "4 4");
        svg.Text((Left + Width - Right) / 2, Height - 22, "offered " + Unit + " (log scale); dashed: everything offered delivered", "middle", 11, "#374151");
        svg.Text(16, Top - 12, "delivered " + Unit + " (log scale)", size: 11, fill: "#374151");
        for (var s = 0; s < Series.Count; s++)
        {
            var colour = SvgCanvas.Palette[s % SvgCanvas.Palette.Length];
            var points = Points.Where(p => p.Series == Series[s]).OrderBy(p => p.Offered).ToList();
            if (points.Count > 1) svg.Polyline(points.Select(p => (x.Map(p.Offered), y.Map(p.Delivered))), colour);
            foreach (var p in points)
            {
                svg.Circle(x.Map(p.Offered), y.Map(p.Delivered), 4, colour, $"{p.Series}, {p.Label}: {Figures.Format(p.Delivered)} of {Figures.Format(p.Offered)} {Unit}");
            }
        }
        // Scenario names once, beside the highest point of each offered load, so labels do not pile up per series.
        // Labels that would overlap (two scenarios at the same offered load) are moved down one line each.
        var placed = new List<(double X, double Y)>();
        foreach (var group in Points.GroupBy(p => p.Label).OrderBy(g => g.Max(p => p.Offered)).ThenByDescending(g => g.Max(p => p.Delivered)))
        {
            var top = group.MaxBy(p => p.Delivered)!;
            var (lx, ly) = (x.Map(top.Offered) + 6, y.Map(top.Delivered) - 6);
            while (placed.Any(p => Math.Abs(p.X - lx) < 90 && Math.Abs(p.Y - ly) < 12)) ly += 12;
            placed.Add((lx, ly));
            svg.Text(lx, ly, group.Key, size: 10, fill: "#374151");
        }
        return svg.ToString();
    }
}

/// <summary>One scenario's figure for one series: offered and delivered per second.</summary>
internal sealed record ScatterPoint(string Series, string Label, double Offered, double Delivered);
