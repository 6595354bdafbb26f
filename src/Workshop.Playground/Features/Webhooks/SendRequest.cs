using System.Text.Json;

namespace Workshop.Playground.Features.Webhooks;

/// <summary>The body of <c>POST /api/sender/deliveries</c>.</summary>
/// <param name="Url">Destination (must pass the destination guard).</param>
/// <param name="EventType">e.g. <c>payment.captured</c> (default) or <c>push</c>.</param>
/// <param name="Payload">JSON to send; a sample for the event type when absent.</param>
/// <param name="Secret">A <c>whsec_…</c> secret to sign with; when absent a fresh one is generated and returned once.</param>
public sealed record SendRequest(string? Url, string? EventType, JsonElement? Payload, string? Secret);
