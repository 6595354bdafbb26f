/// <summary>An event that had its effect (what the page lists).</summary>
public sealed record ReceivedEvent(string Source, string EventId, string Type, string Summary, DateTimeOffset ReceivedAt);
