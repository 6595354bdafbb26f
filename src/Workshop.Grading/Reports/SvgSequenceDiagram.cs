using System.Globalization;
using System.Xml.Linq;
using Workshop.Grading.Transcripts;

namespace Workshop.Grading.Reports;

/// <summary>
/// Draws a transcript as an inline SVG sequence diagram: a lifeline per party (checker, app, and the browser or a
/// webhook sink when they took part), an arrow per exchange with its label and time from the start of the check,
/// a dot for a note. Built as XML (every text node and attribute escaped by <see cref="XElement"/>), no script, no
/// external reference: it can be pasted into any XHTML page.
/// </summary>
public static class SvgSequenceDiagram
{
    /// <summary>The most exchanges drawn (the last ones).</summary>
    public const int MaxRows = 40;

    private const int TimeColumn = 76;
    private const int Gap = 300;
    private const int Top = 44;
    private const int RowHeight = 26;
    private const int MaxLabelChars = 50;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The <c>&lt;svg&gt;</c> element for <paramref name="transcript"/>'s last <see cref="MaxRows"/> entries.</summary>
    public static XElement Render(Transcript transcript, string title)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var (entries, before) = transcript.Last(MaxRows);
        var parties = entries.SelectMany(e => new[] { e.From, e.To }).Append(TranscriptParty.Checker).Append(TranscriptParty.App)
            .Distinct().Order().ToList();
        var x = parties.Select((p, i) => (p, TimeColumn + 70 + (i * Gap))).ToDictionary(t => t.p, t => t.Item2);
        var rows = entries.Count + (before > 0 ? 1 : 0);
        var width = TimeColumn + 140 + ((parties.Count - 1) * Gap);
        var height = Top + 16 + (rows * RowHeight);
        var svg = new XElement(Svg + "svg",
            new XAttribute("width", width), new XAttribute("height", height),
            new XAttribute("viewBox", $"0 0 {Num(width)} {Num(height)}"), new XAttribute("role", "img"),
            new XAttribute("font-family", "ui-monospace,monospace"), new XAttribute("font-size", "11"),
            new XElement(Svg + "title", Clean(title, 200)));
        foreach (var (party, px) in x)
        {
            svg.Add(Rect(px - 50, 8, 100, 22, "#eef"), Text(px, 23, Transcript.Name(party), "middle", bold: true),
                new XElement(Svg + "line", Attr("x1", px), Attr("y1", 30), Attr("x2", px), Attr("y2", height - 4), new XAttribute("stroke", "#999"), new XAttribute("stroke-dasharray", "4 3")));
        }
        var y = Top;
        if (before > 0)
        {
            svg.Add(Text(8, y + 4, $"… {before.ToString(CultureInfo.InvariantCulture)} earlier exchanges not shown", "start", fill: "#555"));
            y += RowHeight;
        }
        foreach (var entry in entries)
        {
            svg.Add(Row(entry, x, y));
            y += RowHeight;
        }
        return svg;
    }

    private static IEnumerable<XElement> Row(TranscriptEntry entry, Dictionary<TranscriptParty, int> x, int y)
    {
        var label = Clean(entry.Summary, MaxLabelChars);
        yield return Text(8, y + 4, Transcript.Offset(entry.At), "start", fill: "#555");
        var (from, to) = (x[entry.From], x[entry.To]);
        var color = entry.Kind switch
        {
            TranscriptKind.WebSocketFrame => "#1a4f9c",
            TranscriptKind.SseLine => "#176e2a",
            TranscriptKind.WebhookDelivery => "#7a3e9d",
            TranscriptKind.Note => "#a1141c",
            _ => "#333",
        };
        if (from == to)
        {
            yield return new XElement(Svg + "circle", Attr("cx", from), Attr("cy", y), Attr("r", 4), new XAttribute("fill", color));
            // On the rightmost lifeline the note reads leftwards, so it stays inside the picture.
            var last = from == x.Values.Max();
            yield return Text(last ? from - 10 : from + 10, y + 4, label, last ? "end" : "start", fill: color, full: entry.Summary);
            yield break;
        }
        yield return new XElement(Svg + "line", Attr("x1", from), Attr("y1", y + 6), Attr("x2", to), Attr("y2", y + 6), new XAttribute("stroke", color));
        // The arrowhead as a polygon of its own: no marker, so no id that two diagrams on one page would share.
        var back = to > from ? -8 : 8;
        yield return new XElement(Svg + "polygon", new XAttribute("fill", color),
            new XAttribute("points", $"{Num(to)},{Num(y + 6)} {Num(to + back)},{Num(y + 2)} {Num(to + back)},{Num(y + 10)}"));
        yield return Text(Math.Min(from, to) + 8, y + 2, label, "start", fill: color, full: entry.Summary);
    }

    private static XElement Text(int x, int y, string text, string anchor, string fill = "#111", bool bold = false, string? full = null)
    {
        var element = new XElement(Svg + "text", Attr("x", x), Attr("y", y), new XAttribute("text-anchor", anchor), new XAttribute("fill", fill), text);
        if (bold) element.Add(new XAttribute("font-weight", "bold"));
        // The whole summary as a tooltip when the label had to be cut.
        if (full is not null && full.Length > MaxLabelChars) element.AddFirst(new XElement(Svg + "title", Clean(full, TranscriptRecorder.MaxSummaryChars)));
        return element;
    }

    private static XElement Rect(int x, int y, int w, int h, string fill) => new(Svg + "rect",
        Attr("x", x), Attr("y", y), Attr("width", w), Attr("height", h), new XAttribute("rx", "4"), new XAttribute("fill", fill), new XAttribute("stroke", "#99a"));

    private static XAttribute Attr(string name, int value) => new(name, Num(value));

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Summaries were cleaned when recorded; cleaned again here, so a transcript built any other way still makes valid XML.
    private static string Clean(string text, int max)
    {
        var clean = ReportText.Clean(text, keepNewlines: false, maxChars: TranscriptRecorder.MaxSummaryChars * 4);
        if (clean.Length <= max) return clean;
        var cut = char.IsHighSurrogate(clean[max - 2]) ? max - 2 : max - 1; // never half a surrogate pair
        return clean[..cut] + "…";
    }
}
