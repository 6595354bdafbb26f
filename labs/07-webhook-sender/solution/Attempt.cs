/// <summary>One try: when, what came back (a status or an error), and how long until the next try.</summary>
public sealed record Attempt(int Number, DateTimeOffset At, int? StatusCode, string? Error, double? NextDelayMs);
