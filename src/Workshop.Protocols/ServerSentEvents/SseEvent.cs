namespace Workshop.Protocols.ServerSentEvents;

/// <summary>One published event: its per-topic id, optional name (the <c>event:</c> field) and data.</summary>
/// <param name="Id">Increasing per topic, starting at 1.</param>
/// <param name="EventName">The event name, or <see langword="null"/> for the default <c>message</c> event.</param>
/// <param name="Data">The payload; line breaks become several <c>data:</c> lines on the wire.</param>
public sealed record SseEvent(long Id, string? EventName, string Data);
