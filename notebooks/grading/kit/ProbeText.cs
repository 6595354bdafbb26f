using System;
using System.Globalization;
using System.Linq;
using System.Text;

// How probes write results: one line of text per case, the same for the learner's run and the worked answer's.
internal static class ProbeText
{
    // A string quoted, with every control character visible (so two results never look alike while differing).
    public static string Show(string? value)
    {
        if (value is null) return "null";
        var text = new StringBuilder("\"");
        foreach (var ch in value)
        {
            text.Append(ch switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(ch) => $"\\u{(int)ch:X4}",
                _ => ch.ToString(),
            });
        }
        return text.Append('"').ToString();
    }

    public static string Show(bool value) => value ? "true" : "false";

    public static string Show(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Hex(byte[]? bytes) => bytes is null ? "null" : Convert.ToHexString(bytes);

    // A number compared with a tolerance: the grader reads the tolerance from the worked answer's line only.
    public static string Near(double value, double tolerance) =>
        "≈" + value.ToString("R", CultureInfo.InvariantCulture) + "±" + tolerance.ToString("R", CultureInfo.InvariantCulture);

    public static string Ids(System.Collections.Generic.IEnumerable<long>? ids) =>
        ids is null ? "null" : "[" + string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]";
}
