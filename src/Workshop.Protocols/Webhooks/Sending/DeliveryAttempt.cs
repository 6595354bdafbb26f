namespace Workshop.Protocols.Webhooks;

/// <summary>One entry of a delivery's attempt log.</summary>
/// <param name="Number">1 for the first attempt, counting on across redeliveries.</param>
/// <param name="StartedAt">When the request was sent.</param>
/// <param name="Duration">How long until the answer (or the error).</param>
/// <param name="StatusCode">The HTTP status, or null when no answer came (timeout, refused, connection error).</param>
/// <param name="Error">Why the attempt failed, or null on success.</param>
public sealed record DeliveryAttempt(int Number, DateTimeOffset StartedAt, TimeSpan Duration, int? StatusCode, string? Error);
