// Your turn (02-replay-after): the events to send a client that reconnects with Last-Event-ID, or null when it cannot resume
List<(long Id, string Data)>? EventsToReplay(IReadOnlyList<(long Id, string Data)> log, string? lastEventId)
{
    if (string.IsNullOrEmpty(lastEventId)) return [];
    if (!long.TryParse(lastEventId, out var last)) return null;
    var oldest = log.Count > 0 ? log[0].Id : last + 1;
    var newest = log.Count > 0 ? log[^1].Id : last;
    // The event right after `last` must still be in the log, and `last` must be an id we actually sent.
    if (last < oldest - 1 || last > newest) return null;
    return log.Where(e => e.Id > last).ToList();
}
