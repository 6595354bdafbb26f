using ColorCode;
using Workshop.Site.Output;

namespace Workshop.Site.Markdown.Highlighting;

/// <summary>
/// Server-side highlighting: ColorCode for the languages it knows (C#, JavaScript, JSON, HTML, CSS, …), small
/// tokenizers for HTTP and shell. Unknown languages are escaped as plain text. One instance per build.
/// </summary>
internal sealed class Highlighter
{
    private readonly ColorCodeSpans _colorCode = new();

    /// <summary>The display name and the canonical id of a fence's language, or null when it has none we know.</summary>
    public static (string Id, string Label)? Language(string? info) => info?.Trim().ToLowerInvariant() switch
    {
        "cs" or "csharp" or "c#" => ("csharp", "C#"),
        "js" or "javascript" or "mjs" => ("javascript", "JavaScript"),
        "json" or "jsonc" => ("json", "JSON"),
        "http" or "https" => ("http", "HTTP"),
        "sh" or "bash" or "shell" or "console" or "zsh" => ("shell", "Shell"),
        "html" => ("html", "HTML"),
        "xml" or "csproj" => ("xml", "XML"),
        "css" => ("css", "CSS"),
        "ps" or "pwsh" or "powershell" => ("powershell", "PowerShell"),
        "ts" or "typescript" => ("typescript", "TypeScript"),
        "sql" => ("sql", "SQL"),
        "text" or "txt" or "plain" => ("text", "Text"),
        _ => null,
    };

    /// <summary>HTML for the inside of <c>&lt;code&gt;</c>.</summary>
    public string Highlight(string code, string? info)
    {
        var id = Language(info)?.Id;
        return id switch
        {
            "http" => HttpTokenizer.Highlight(code, json => ColorCode(json, "json")),
            "shell" => ShellTokenizer.Highlight(code),
            null or "text" => Html.Encode(code),
            _ => ColorCode(code, id),
        };
    }

    private string ColorCode(string code, string id)
    {
        var language = Languages.FindById(id);
        return language is null ? Html.Encode(code) : _colorCode.Format(code, language);
    }
}
