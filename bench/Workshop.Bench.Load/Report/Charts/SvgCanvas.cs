using System.Globalization;
using System.Security;
using System.Text;

namespace Workshop.Bench.Load.Report.Charts;

/// <summary>
/// Writes a self-contained SVG document: no script, no external reference, text escaped, numbers in invariant
/// culture with one decimal, so the same figures always give the same bytes (the files are committed).
/// </summary>
internal sealed class SvgCanvas
{
    public const string Font = "font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\"";
    private readonly StringBuilder _body = new();

    public SvgCanvas(double width, double height, string title)
    {
        Width = width;
        Height = height;
        Title = title;
    }

    public double Width { get; }
    public double Height { get; }
    public string Title { get; }

    /// <summary>The series colours, in the order the report lists the targets (reference first).</summary>
    public static readonly string[] Palette = ["#2563eb", "#16a34a", "#9ca3af", "#d97706", "#9333ea"];

    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    public void Rect(double x, double y, double w, double h, string fill, string? tooltip = null) =>
        _body.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, w))}\" height=\"{N(h)}\" fill=\"{fill}\">")
            .Append(tooltip is null ? "" : $"<title>{Escape(tooltip)}</title>").Append("</rect>\n");

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null) =>
        _body.Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"")
            .Append(dash is null ? "" : $" stroke-dasharray=\"{dash}\"").Append("/>\n");

    public void Circle(double cx, double cy, double r, string fill, string? tooltip = null) =>
        _body.Append($"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"{fill}\">")
            .Append(tooltip is null ? "" : $"<title>{Escape(tooltip)}</title>").Append("</circle>\n");

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke) =>
        _body.Append($"<polyline fill=\"none\" stroke=\"{stroke}\" stroke-width=\"1.5\" points=\"")
            .Append(string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"))).Append("\"/>\n");

    public void Text(double x, double y, string text, string anchor = "start", double size = 12, string fill = "#111827", bool bold = false) =>
        _body.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" font-size=\"{N(size)}\" fill=\"{fill}\"")
            .Append(bold ? " font-weight=\"600\"" : "").Append($">{Escape(text)}</text>\n");

    /// <summary>A legend row at the top: one swatch and name per series.</summary>
    public void Legend(IReadOnlyList<string> names, double y)
    {
        var x = 16.0;
        for (var i = 0; i < names.Count; i++)
        {
            Rect(x, y - 10, 12, 12, Palette[i % Palette.Length]);
            Text(x + 16, y, names[i]);
            x += 24 + (names[i].Length * 7);
        }
    }

    public override string ToString() =>
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(Width)}\" height=\"{N(Height)}\" viewBox=\"0 0 {N(Width)} {N(Height)}\" {Font} role=\"img\" aria-label=\"{Escape(Title)}\">\n" +
        $"<title>{Escape(Title)}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n{_body}</svg>\n";
}
