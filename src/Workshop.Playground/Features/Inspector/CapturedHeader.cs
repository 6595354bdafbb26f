namespace Workshop.Playground.Features.Inspector;

/// <summary>One header line of a captured request (a header sent twice appears twice).</summary>
/// <param name="Name">The header name as received.</param>
/// <param name="Value">Its value.</param>
public sealed record CapturedHeader(string Name, string Value);
