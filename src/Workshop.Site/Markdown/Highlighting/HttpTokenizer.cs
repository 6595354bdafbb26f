using System.Text.RegularExpressions;

namespace Workshop.Site.Markdown.Highlighting;

/// <summary>
/// HTTP messages as the labs show them: request or status line, headers, a blank line, then a body. A JSON body is
/// highlighted as JSON; an event-stream body shows its <c>id:</c>/<c>event:</c>/<c>data:</c>/<c>retry:</c> fields.
/// </summary>
internal static partial class HttpTokenizer
{
    public static string Highlight(string code, Func<string, string> json)
    {
        var writer = new TokenWriter();
        var lines = code.Split('\n');
        var inBody = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) writer.Text("\n");
            var line = lines[i];
            if (inBody)
            {
                var rest = string.Join('\n', lines[i..]);
                if (rest.TrimStart().StartsWith('{') || rest.TrimStart().StartsWith('['))
                {
                    writer.Raw(json(rest));
                    break;
                }
                EventField(writer, line);
            }
            else if (line.Trim().Length == 0 && i > 0) inBody = true;
            else if (StartLine().Match(line) is { Success: true } start)
            {
                writer.Token("keyword", start.Groups["a"].Value).Text(start.Groups["s1"].Value)
                      .Token("string", start.Groups["b"].Value).Text(start.Groups["s2"].Value)
                      .Token("number", start.Groups["c"].Value);
            }
            else if (Header().Match(line) is { Success: true } header)
            {
                writer.Token("attr", header.Groups["name"].Value).Text(":").Token("string", header.Groups["value"].Value);
            }
            else EventField(writer, line);
        }
        return writer.ToString();
    }

    private static void EventField(TokenWriter writer, string line)
    {
        if (line.StartsWith(':')) writer.Token("comment", line);
        else if (Field().Match(line) is { Success: true } field)
            writer.Token("attr", field.Groups["name"].Value).Text(":").Token("string", field.Groups["value"].Value);
        else writer.Text(line);
    }

    [GeneratedRegex(@"^(?<a>[A-Z]+|HTTP/[\d.]+)(?<s1>\s+)(?<b>\S+)(?<s2>\s*)(?<c>.*)$")]
    private static partial Regex StartLine();

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9-]+):(?<value>.*)$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^(?<name>id|event|data|retry):(?<value>.*)$")]
    private static partial Regex Field();
}
