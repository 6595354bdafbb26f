using System.Net.ServerSentEvents;

namespace Workshop.Grading.Checks.Hidden;

/// <summary>
/// An event an <c>sse</c> check waits for: its <c>event</c> type (default any), its <c>data</c> (exactly) or
/// <c>dataContains</c>, and its <c>id</c> (exactly, or <c>"*"</c> for any non-empty id).
/// </summary>
internal sealed class SseExpectedEvent
{
    public string? Event { get; init; }

    public string? Data { get; init; }

    public string? DataContains { get; init; }

    public string? Id { get; init; }

    /// <summary>True when <paramref name="item"/> is this event (with <paramref name="token"/> for <c>{{run}}</c>).</summary>
    public bool Matches(SseItem<string> item, string token) =>
        (Event is null || item.EventType == Event)
        && (Data is null || item.Data == RunToken.Apply(Data, token))
        && (DataContains is null || item.Data.Contains(RunToken.Apply(DataContains, token), StringComparison.Ordinal))
        && (Id is null || (Id == "*" ? !string.IsNullOrEmpty(item.EventId) : item.EventId == RunToken.Apply(Id, token)));

    public override string ToString() =>
        $"{(Event is null ? "an event" : $"event: {Event}")}"
        + (Data is null ? "" : $" data \"{Data}\"")
        + (DataContains is null ? "" : $" data containing \"{DataContains}\"")
        + (Id is null ? "" : Id == "*" ? " with an id" : $" id {Id}");
}
