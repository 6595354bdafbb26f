namespace Workshop.Playground.Features.Inspector;

/// <summary>What one redelivery got.</summary>
/// <param name="Url">Where it was sent.</param>
/// <param name="StatusCode">The target's status code, or null when it did not answer.</param>
/// <param name="DurationMs">Milliseconds until the answer or the error.</param>
/// <param name="Error">Why there was no answer, or null.</param>
public sealed record RedeliveryResult(string Url, int? StatusCode, long DurationMs, string? Error);
