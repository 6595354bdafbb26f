namespace Workshop.Playground.Features.Inspector;

/// <summary>What one redelivery got, when the target answered (no answer is a uniform 502 <c>no-answer</c>).</summary>
/// <param name="Url">Where it was sent.</param>
/// <param name="Method">The method it was sent with (always POST outside Development).</param>
/// <param name="StatusCode">The target's status code.</param>
/// <param name="DurationMs">Milliseconds until the answer's headers.</param>
public sealed record RedeliveryResult(string Url, string Method, int StatusCode, long DurationMs);
