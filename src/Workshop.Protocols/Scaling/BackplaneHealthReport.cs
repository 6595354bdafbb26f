namespace Workshop.Protocols.Scaling;

/// <summary>What <c>/health</c> shows about the backplane.</summary>
/// <param name="Status"><c>ok</c>, or <c>degraded</c> while the Redis backplane is unreachable.</param>
/// <param name="Backplane"><c>memory</c> or <c>redis</c>.</param>
/// <param name="Reason">Why it is degraded (which endpoint, since when, what failed); null when ok.</param>
public sealed record BackplaneHealthReport(string Status, string Backplane, string? Reason);
