namespace Workshop.Playground.Features.Inspector;

/// <summary>A request a bin captured, as the API returns it.</summary>
/// <param name="Id">Increasing per bin, from 1.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path and query string as received.</param>
/// <param name="Headers">Every header line.</param>
/// <param name="BodyEncoding"><c>utf8</c> when the body is text, <c>base64</c> when it is binary.</param>
/// <param name="Body">The raw body: text, or base64 of the bytes.</param>
/// <param name="BodyBytes">Body size in bytes.</param>
/// <param name="RemoteAddress">The caller's address.</param>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="Verdicts">One signature verdict per scheme whose headers are present.</param>
public sealed record CapturedRequest(
    long Id, string Method, string Path, IReadOnlyList<CapturedHeader> Headers, string BodyEncoding, string Body, int BodyBytes,
    string? RemoteAddress, DateTimeOffset ReceivedAt, IReadOnlyList<SignatureVerdict> Verdicts)
{
    /// <summary>The raw body bytes (kept for redelivery; not serialized).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ReadOnlyMemory<byte> RawBody { get; init; }
}
