using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Workshop.Labs.Tests.Grading;

/// <summary>
/// What a level-3 hint's code refers to that it does not declare itself, and which of those a start's files do not
/// provide. A heuristic, not a compiler: free lower-case names (locals, parameters, fields) must occur in the code
/// of the hint's files (or be declared by an earlier task's hint of the same lab); upper-case names (types, members)
/// must occur there too or be a public type in a namespace those files import (their <c>using</c> lines plus the Web
/// SDK's implicit usings). Member access after a dot, named arguments and assignment targets are not checked.
/// </summary>
public static partial class HintCodeReferences
{
    private static readonly HashSet<string> Keywords =
    [
        "var", "new", "return", "await", "if", "else", "true", "false", "null", "is", "not", "and", "or", "for", "foreach",
        "in", "while", "using", "catch", "try", "throw", "default", "nameof", "out", "ref", "typeof", "when", "with", "lock",
        "break", "continue", "async", "static", "private", "public", "readonly", "string", "int", "long", "bool", "byte",
        "double", "object", "this", "base", "yield", "const", "let", "function", "of", "undefined", "char", "void", "get", "set",
        "document", "window", "console", "setTimeout", "clearTimeout", "location", "fetch", "encodeURIComponent",
    ];

    private static readonly HashSet<string> JsGlobals = ["WebSocket", "EventSource", "JSON", "Math", "Date", "Number", "String", "Array", "Object", "Set", "Map", "Promise", "Error"];

    private static readonly string[] ImplicitUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json", "System.Threading",
        "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static readonly Lazy<HashSet<string>> FrameworkTypes = new(LoadFrameworkTypes);

    /// <summary>The names <paramref name="code"/> declares (locals, lambda and catch parameters, pattern variables).</summary>
    public static HashSet<string> Declared(string code)
    {
        var text = Strip(code);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Declaration().Matches(text)) names.Add(m.Groups["name"].Value);
        foreach (Match m in LambdaParameter().Matches(text)) names.Add(m.Groups["name"].Value);
        foreach (Match m in LambdaParameters().Matches(text))
        {
            foreach (var p in m.Groups["list"].Value.Split(',')) names.Add(p.Trim().Split(' ')[^1]);
        }
        foreach (Match m in PatternVariable().Matches(text)) names.Add(m.Groups["name"].Value);
        foreach (Match m in ListedDeclaration().Matches(text)) names.Add(m.Groups["name"].Value);
        return names;
    }

    /// <summary>
    /// The names in <paramref name="code"/> that the sources (<paramref name="files"/>: path and text) do not
    /// provide, given the names earlier hints already declared.
    /// </summary>
    public static IReadOnlyList<string> Missing(string code, IReadOnlyList<(string Path, string Text)> files, ISet<string> declaredEarlier)
    {
        var isJs = files.All(f => f.Path.EndsWith(".js", StringComparison.Ordinal));
        var sources = files.Select(f => Strip(f.Text)).ToList();
        var words = new HashSet<string>(sources.SelectMany(s => Word().Matches(s).Select(m => m.Value)), StringComparer.Ordinal);
        var usings = ImplicitUsings.Concat(files.SelectMany(f => Using().Matches(f.Text).Select(m => m.Groups["ns"].Value))).ToList();
        var declared = Declared(code);
        var missing = new List<string>();
        foreach (Match m in FreeName().Matches(Strip(code)))
        {
            var name = m.Groups["name"].Value;
            if (Keywords.Contains(name) || declared.Contains(name) || declaredEarlier.Contains(name) || words.Contains(name)) continue;
            if (char.IsUpper(name[0]) && (isJs ? JsGlobals.Contains(name) : usings.Any(ns => FrameworkTypes.Value.Contains($"{ns}.{name}")))) continue;
            if (!missing.Contains(name)) missing.Add(name);
        }
        return missing;
    }

    // Code without comments and literals, keeping what interpolation holes refer to ($"{id}", `${m.name}`).
    private static string Strip(string code)
    {
        var output = new StringBuilder();
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '/' && i + 1 < code.Length && code[i + 1] == '*')
            {
                var end = code.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? code.Length : end + 1;
                output.Append(' ');
            }
            else if (c == '/' && i + 1 < code.Length && code[i + 1] == '/')
            {
                while (i < code.Length && code[i] != '\n') i++;
                output.Append('\n');
            }
            else if (c is '"' or '\'' or '`')
            {
                var interpolated = c == '`' || (c == '"' && i > 0 && code[i - 1] == '$');
                output.Append(' ');
                for (i++; i < code.Length && code[i] != c; i++)
                {
                    if (code[i] == '\\') { i++; continue; }
                    if (!interpolated || code[i] != '{') continue;
                    if (i + 1 < code.Length && code[i + 1] == '{') { i++; continue; }
                    var close = code.IndexOf('}', i);
                    if (close < 0) break;
                    output.Append(" (").Append(code, i + 1, close - i - 1).Append(") ");
                    i = close;
                }
                output.Append(' ');
            }
            else output.Append(c);
        }
        return output.ToString();
    }

    private static HashSet<string> LoadFrameworkTypes()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var folders = new[] { typeof(object).Assembly.Location, typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location }
            .Select(Path.GetDirectoryName).Distinct();
        foreach (var dll in folders.SelectMany(f => Directory.GetFiles(f!, "*.dll")))
        {
            try
            {
                foreach (var type in Assembly.Load(AssemblyName.GetAssemblyName(dll)).GetExportedTypes())
                {
                    var name = type.Name.Split('`')[0];
                    names.Add(type.Namespace is null ? name : $"{type.Namespace}.{name}");
                }
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or ReflectionTypeLoadException)
            {
                // A native library or a facade without types.
            }
        }
        return names;
    }

    [GeneratedRegex(@"[A-Za-z_]\w*")]
    private static partial Regex Word();

    // A name that is not a member access, a named argument or an assignment target.
    [GeneratedRegex(@"(?<![\w.$])(?<name>[A-Za-z_]\w*)\b(?!\s*:(?!:))(?!\s*=(?![=>]))")]
    private static partial Regex FreeName();

    [GeneratedRegex(@"(?:\b(?:var|let|const|string|long|int|bool|byte|double)(?:\[\])?|\b[A-Z]\w*(?:<[^;()=]*>)?(?:\[\])?\??)\s+(?<name>[a-z_]\w*)\s*(?=[;=,)]|\bin\b|\bof\b)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"(?<name>[a-z_]\w*)\s*=>")]
    private static partial Regex LambdaParameter();

    [GeneratedRegex(@"\((?<list>[^()]*)\)\s*=>")]
    private static partial Regex LambdaParameters();

    // The second and later names of a declaration list (string a = x, b = y) and plain assignments at a statement's start.
    [GeneratedRegex(@"(?:^|[,;{])\s*(?<name>[a-z_]\w*)\s*=(?![=>])", RegexOptions.Multiline)]
    private static partial Regex ListedDeclaration();

    [GeneratedRegex(@"\{\s*\}\s*(?<name>[a-z_]\w*)")]
    private static partial Regex PatternVariable();

    [GeneratedRegex(@"^\s*using\s+(?<ns>[A-Za-z][\w.]*)\s*;", RegexOptions.Multiline)]
    private static partial Regex Using();
}
