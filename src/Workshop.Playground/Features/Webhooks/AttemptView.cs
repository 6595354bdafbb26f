namespace Workshop.Playground.Features.Webhooks;

/// <summary>One attempt as the API returns it.</summary>
/// <param name="Number">Attempt number.</param>
/// <param name="StartedAt">When it was sent.</param>
/// <param name="DurationMs">Milliseconds until answer or error.</param>
/// <param name="StatusCode">HTTP status, or null.</param>
/// <param name="Error">Failure reason, or null.</param>
public sealed record AttemptView(int Number, DateTimeOffset StartedAt, long DurationMs, int? StatusCode, string? Error);
