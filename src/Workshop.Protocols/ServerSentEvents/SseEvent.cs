namespace Workshop.Protocols.ServerSentEvents;

/// <summary>One published event: its per-topic id, optional name (the <c>event:</c> field) and data.</summary>
/// <param name="Id">Increasing per topic, starting at 1.</param>
/// <param name="EventName">The event name, or <see langword="null"/> for the default <c>message</c> event.</param>
/// <param name="Data">The payload; line breaks become several <c>data:</c> lines on the wire.</param>
public sealed record SseEvent(long Id, string? EventName, string Data)
{
    // The event as it goes on the wire, encoded once and shared by every subscriber's stream (a topic with
    // 10,000 subscribers would otherwise format and encode the same event 10,000 times).
    private byte[]? _wire;

    // `with` makes a different event: it must encode itself afresh, not inherit this one's bytes.
    private SseEvent(SseEvent original)
    {
        Id = original.Id;
        EventName = original.EventName;
        Data = original.Data;
    }

    /// <summary>The UTF-8 wire form (<c>event:</c>, <c>data:</c> lines, <c>id:</c>, blank line).</summary>
    internal byte[] Wire => _wire ??= SseWireWriter.Encode(SseWireWriter.ToItem(this));

    /// <summary>Events are equal when id, name and data are (the cached wire bytes do not count).</summary>
    public bool Equals(SseEvent? other)
        => other is not null && Id == other.Id && EventName == other.EventName && Data == other.Data;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, EventName, Data);
}
