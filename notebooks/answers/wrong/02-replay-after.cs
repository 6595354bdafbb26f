// Your turn (02-replay-after): the events to send a client that reconnects with Last-Event-ID, or null when it cannot resume
// Wrong: replays whatever the log still holds, hiding the events that were dropped.
List<(long Id, string Data)>? EventsToReplay(IReadOnlyList<(long Id, string Data)> log, string? lastEventId)
{
    if (string.IsNullOrEmpty(lastEventId)) return [];
    return long.TryParse(lastEventId, out var last) ? log.Where(e => e.Id > last).ToList() : null;
}
