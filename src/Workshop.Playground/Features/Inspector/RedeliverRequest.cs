namespace Workshop.Playground.Features.Inspector;

/// <summary>The body of <c>POST /api/bins/{bin}/requests/{id}/redeliver</c>.</summary>
/// <param name="Url">Where to send the captured request again (checked by the destination guard).</param>
public sealed record RedeliverRequest(string? Url);
