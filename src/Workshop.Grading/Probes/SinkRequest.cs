namespace Workshop.Grading.Probes;

/// <summary>One request a <see cref="WebhookSink"/> received, and the status it answered.</summary>
/// <param name="Path">The request path.</param>
/// <param name="Arrived">When it arrived, on the sink's stopwatch (for measuring gaps between attempts).</param>
/// <param name="Headers">The request headers (names lower-cased; repeated headers joined with ", ").</param>
/// <param name="Body">The raw body bytes.</param>
/// <param name="Status">The status the sink answered.</param>
public sealed record SinkRequest(string Path, TimeSpan Arrived, IReadOnlyDictionary<string, string> Headers, byte[] Body, int Status)
{
    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());
}
