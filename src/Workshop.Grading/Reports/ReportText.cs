using System.Globalization;
using System.Text;

namespace Workshop.Grading.Reports;

/// <summary>
/// Makes text that came from a submission (its output, its folder name, what a probe observed) safe for every
/// report: control characters, lone surrogates, non-characters and bidirectional overrides become visible escapes
/// (<c>\x1B</c>, <c>\uD800</c>), line ends become <c>\n</c>, and the length is bounded (the tail is kept).
/// </summary>
public static class ReportText
{
    /// <summary>The most characters of one value that reach a report.</summary>
    public const int MaxChars = 64 * 1024;

    /// <summary>The cleaned text; <paramref name="keepNewlines"/> false turns every line end into a space.</summary>
    public static string Clean(string? text, bool keepNewlines = true, int maxChars = MaxChars)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var cut = 0;
        if (text.Length > maxChars)
        {
            cut = text.Length - maxChars;
            text = text[cut..];
        }
        var clean = new StringBuilder(text.Length + 16);
        if (cut > 0) clean.Append(CultureInfo.InvariantCulture, $"[… {cut} characters cut] ");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') continue;
                clean.Append(keepNewlines ? '\n' : ' ');
            }
            else if (c == '\n') clean.Append(keepNewlines ? '\n' : ' ');
            else if (c == '\t') clean.Append(' ');
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (IsUnsafe(c)) clean.Append(c <= 0xFF ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}");
            else clean.Append(c);
        }
        return clean.ToString();
    }

    /// <summary>A CSV cell: cleaned, on one line, a leading formula character neutralised, quoted when needed (RFC 4180).</summary>
    public static string CsvCell(string? text)
    {
        var raw = text ?? "";
        var value = Clean(raw, keepNewlines: false);
        // = + - @ start a formula in a spreadsheet (tab and CR too, before cleaning turned them into spaces).
        if ((raw.Length > 0 && raw[0] is '\t' or '\r') || (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Inline Markdown text: cleaned, one line, every character with a Markdown or HTML meaning backslash-escaped.</summary>
    public static string Markdown(string? text, int maxChars = MaxChars)
    {
        var value = Clean(text, keepNewlines: false, maxChars);
        var escaped = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '&' or '~') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static bool IsUnsafe(char c) =>
        char.IsControl(c) // C0 and C1 controls (NUL, ESC, DEL, 0x80–0x9F)
        || char.IsSurrogate(c) // a lone half of a pair
        || c is '\uFFFE' or '\uFFFF' || (c >= '\uFDD0' && c <= '\uFDEF') // non-characters (invalid in XML)
        || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069' || c is '\u200E' or '\u200F' or '\u061C'; // bidi controls
}
