using System.Net.WebSockets;
using Microsoft.Extensions.Logging.Abstractions;
using Workshop.Protocols.WebSockets;

namespace Workshop.Protocols.Tests.WebSockets;

public sealed class WebSocketHubTests
{
    private static WebSocketConnection NewConnection(int queue = 8)
    {
        var (server, _) = InMemoryWebSocketPair.Create();
        // Not running: messages stay in the queue, which is what these tests look at.
        return new WebSocketConnection(server, new RealtimeWebSocketOptions { SendQueueCapacity = queue },
            TimeProvider.System, NullLogger.Instance, CancellationToken.None);
    }

    [Fact]
    public void Broadcast_queues_to_every_member_of_the_room_except_the_one_excluded()
    {
        var hub = new WebSocketHub();
        var (a, b, c, outsider) = (NewConnection(), NewConnection(), NewConnection(), NewConnection());
        hub.Join("lobby", a, "a");
        hub.Join("lobby", b, "b");
        hub.Join("lobby", c, "c");
        hub.Join("other", outsider, "o");

        var delivered = hub.Broadcast("lobby", OutboundMessage.Text("hi"), except: c);

        Assert.Equal(2, delivered);
        Assert.Equal([1, 1, 0, 0], new[] { a.QueuedCount, b.QueuedCount, c.QueuedCount, outsider.QueuedCount });
    }

    [Fact]
    public void A_member_whose_queue_is_full_is_closed_and_the_others_still_get_the_message()
    {
        var hub = new WebSocketHub();
        var slow = NewConnection(queue: 1);
        var fine = NewConnection(queue: 8);
        hub.Join("r", slow, "slow");
        hub.Join("r", fine, "fine");

        hub.Broadcast("r", OutboundMessage.Text("1"));
        var delivered = hub.Broadcast("r", OutboundMessage.Text("2"));

        Assert.Equal(1, delivered);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, slow.CloseStatus);
        Assert.Equal(2, fine.QueuedCount);
        Assert.Equal(1, hub.Broadcast("r", OutboundMessage.Text("3"))); // the closing member is skipped from now on
    }

    [Fact]
    public void Broadcasts_follow_joins_and_leaves_made_after_an_earlier_broadcast()
    {
        // Broadcasts reuse a member array per room: every join and leave must replace it.
        var hub = new WebSocketHub();
        var (a, b, c) = (NewConnection(), NewConnection(), NewConnection());
        hub.Join("r", a, "a");
        hub.Join("r", b, "b");
        Assert.Equal(2, hub.Broadcast("r", OutboundMessage.Text("1")));

        hub.Leave("r", b);
        hub.Join("r", c, "c");
        Assert.Equal(2, hub.Broadcast("r", OutboundMessage.Text("2")));
        hub.LeaveAll(a);
        Assert.Equal(1, hub.Broadcast("r", OutboundMessage.Text("3")));

        Assert.Equal([2, 1, 2], new[] { a.QueuedCount, b.QueuedCount, c.QueuedCount });
    }

    [Fact]
    public void Leaving_all_rooms_reports_each_membership_and_forgets_empty_rooms()
    {
        var hub = new WebSocketHub();
        var (a, b) = (NewConnection(), NewConnection());
        hub.Join("one", a, "ada");
        hub.Join("two", a, "ada2");
        hub.Join("two", b, "bob");

        var left = hub.LeaveAll(a);

        Assert.Equal(["one:ada", "two:ada2"], left.Select(m => $"{m.Room}:{m.Name}").Order());
        Assert.Empty(hub.MembersOf("one"));
        Assert.Equal(["bob"], hub.MembersOf("two").Select(m => m.Name));
        Assert.False(hub.Join("two", b, "again")); // already a member
        Assert.Null(hub.Leave("one", a));
    }

    [Fact]
    public void Membership_and_room_counts_follow_joins_and_leaves_of_each_connection()
    {
        var hub = new WebSocketHub();
        var (a, b) = (NewConnection(), NewConnection());
        hub.Join("one", a, "ada");
        hub.Join("two", a, "ada2");
        hub.Join("two", b, "bob");

        Assert.Equal(("ada2", 2, 1), (hub.MembershipOf("two", a)?.Name, hub.RoomCountOf(a), hub.RoomCountOf(b)));
        Assert.Null(hub.MembershipOf("one", b));
        Assert.Equal(2, hub.CountOf("two"));

        hub.Leave("two", a);
        Assert.Equal((1, false, 1), (hub.RoomCountOf(a), hub.IsMember("two", a), hub.CountOf("two")));
        hub.LeaveAll(a);
        Assert.Equal((0, 0), (hub.RoomCountOf(a), hub.CountOf("one")));
        Assert.Equal("bob", hub.MembershipOf("two", b)?.Name);
    }

    [Fact]
    public void Members_of_a_room_are_the_same_cached_array_until_the_room_changes()
    {
        var hub = new WebSocketHub();
        var (a, b) = (NewConnection(), NewConnection());
        hub.Join("r", a, "a");
        var first = hub.MembersOf("r");

        Assert.Same(first, hub.MembersOf("r"));
        hub.Join("r", b, "b");
        var second = hub.MembersOf("r");
        Assert.NotSame(first, second);
        Assert.Equal(["a", "b"], second.Select(m => m.Name).Order());
        Assert.Single(first); // an earlier snapshot is never changed under its reader
    }
}
