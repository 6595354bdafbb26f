using System.Text.RegularExpressions;

namespace Workshop.Site.Markdown.Highlighting;

/// <summary>Shell lines: prompt, command name, options, strings, variables and comments.</summary>
internal static partial class ShellTokenizer
{
    public static string Highlight(string code)
    {
        var writer = new TokenWriter();
        var lines = code.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) writer.Text("\n");
            var commandExpected = true;
            foreach (Match m in Token().Matches(lines[i]))
            {
                var text = m.Value;
                if (m.Groups["comment"].Success) writer.Token("comment", text);
                else if (m.Groups["prompt"].Success) writer.Token("prompt", text);
                else if (m.Groups["string"].Success) writer.Token("string", text);
                else if (m.Groups["variable"].Success) writer.Token("variable", text);
                else if (m.Groups["option"].Success) writer.Token("option", text);
                else if (m.Groups["op"].Success)
                {
                    writer.Token("operator", text);
                    commandExpected = true;
                    continue;
                }
                else if (m.Groups["word"].Success && commandExpected) writer.Token("keyword", text);
                else writer.Text(text);
                if (!m.Groups["space"].Success && !m.Groups["prompt"].Success) commandExpected = false;
            }
        }
        return writer.ToString();
    }

    [GeneratedRegex("""(?<prompt>^\s*[$>] )|(?<comment>(?<=^|\s)#.*$)|(?<string>"(?:\\.|[^"\\])*"|'[^']*')|(?<variable>\$\{?\w+\}?)|(?<op>&&|\|\||[|;])|(?<option>(?<=\s)--?[\w-]+=?)|(?<space>\s+)|(?<word>[^\s"'|;&$]+)|(?<other>.)""")]
    private static partial Regex Token();
}
