using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Protocols.Tests.ServerSentEvents;

public sealed class SseEventLogTests
{
    [Fact]
    public void Log_keeps_events_oldest_first_until_full()
    {
        var log = Filled(capacity: 5, count: 3);

        Assert.Equal(1, log.OldestId);
        Assert.Equal([1L, 2, 3], log.After(0).Select(e => e.Id));
    }

    [Fact]
    public void A_full_log_overwrites_its_oldest_events()
    {
        var log = Filled(capacity: 3, count: 7);

        Assert.Equal(3, log.Count);
        Assert.Equal(5, log.OldestId);
        Assert.Equal([5L, 6, 7], log.After(0).Select(e => e.Id));
    }

    [Fact]
    public void After_returns_only_the_newer_events()
    {
        var log = Filled(capacity: 4, count: 6);

        Assert.Equal([5L, 6], log.After(4).Select(e => e.Id));
        Assert.Empty(log.After(6));
    }

    [Fact]
    public void An_empty_log_has_no_oldest_id()
    {
        var log = new SseEventLog(2);

        Assert.Null(log.OldestId);
        Assert.Empty(log.After(0));
    }

    internal static SseEventLog Filled(int capacity, int count)
    {
        var log = new SseEventLog(capacity);
        for (var id = 1; id <= count; id++) log.Append(new SseEvent(id, null, $"event {id}"));
        return log;
    }
}
