namespace Workshop.Security.Tests.Support;

/// <summary>One request a <see cref="LoopbackTarget"/> got.</summary>
public sealed record SinkRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>Parses the request line and header lines (a repeated header keeps its last value).</summary>
    public static SinkRequest Parse(string[] lines, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var start = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)) headers[pair[0].Trim()] = pair[1].Trim();
        return new SinkRequest(start[0], start.Length > 1 ? start[1] : "", headers, body);
    }
}
