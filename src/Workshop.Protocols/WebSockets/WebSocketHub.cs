namespace Workshop.Protocols.WebSockets;

/// <summary>
/// Named rooms of connections. Joining and leaving take a short lock; a broadcast takes a snapshot of the members
/// and queues the same encoded bytes to each without waiting, so one slow client never delays the others. Lookups
/// per message (membership, room count) are O(1): the hub keeps each connection's rooms as well as each room's members.
/// </summary>
/// <remarks>
/// How a broadcast reaches the wire: <see cref="WebSocketConnection.TrySend"/> puts it in the connection's bounded
/// queue; the connection's one send loop (WebSocketConnection.Loops.cs) sends it; and while more is queued behind it,
/// the frames are collected and written together by <see cref="Batching.FrameBatchingStream"/> (folder Batching/,
/// installed on every upgrade by <see cref="Batching.BatchingUpgradeFeature"/>). Write batching lives there and only there.
/// </remarks>
public sealed class WebSocketHub
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<WebSocketConnection, RoomMember>> _rooms = new(StringComparer.Ordinal);
    // Per room, the members as an array for broadcasts and MembersOf: rebuilt only after a join or leave, so a
    // broadcast to 10,000 members allocates nothing and holds the lock only to fetch it.
    private readonly Dictionary<string, RoomMember[]> _snapshots = new(StringComparer.Ordinal);
    // Per connection, its memberships by room: RoomCountOf, MembershipOf and LeaveAll never walk every room.
    private readonly Dictionary<WebSocketConnection, Dictionary<string, RoomMember>> _memberships = [];
    private readonly IHubBackplane _backplane;
    private readonly string _name;

    /// <summary>A hub for one process (the in-memory backplane).</summary>
    public WebSocketHub()
        : this(InMemoryHubBackplane.Instance, "default")
    {
    }

    /// <summary>
    /// A hub whose broadcasts also reach the hub named <paramref name="name"/> on other instances through
    /// <paramref name="backplane"/> (for example Redis), and which delivers theirs to its local members.
    /// </summary>
    public WebSocketHub(IHubBackplane backplane, string name)
    {
        ArgumentNullException.ThrowIfNull(backplane);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _backplane = backplane;
        _name = name;
        backplane.Subscribe(name, (room, message) => DeliverLocally(room, message, null));
    }

    /// <summary>Adds <paramref name="connection"/> to <paramref name="room"/> as <paramref name="name"/>; false if already there.</summary>
    public bool Join(string room, WebSocketConnection connection, string name)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(room, out var members)) _rooms[room] = members = [];
            if (members.ContainsKey(connection)) return false;
            var member = new RoomMember(room, name, connection);
            members.Add(connection, member);
            if (!_memberships.TryGetValue(connection, out var mine)) _memberships[connection] = mine = new(StringComparer.Ordinal);
            mine[room] = member;
            _snapshots.Remove(room);
            return true;
        }
    }

    /// <summary>Removes <paramref name="connection"/> from <paramref name="room"/>; its membership, or null if it was not there.</summary>
    public RoomMember? Leave(string room, WebSocketConnection connection)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(room, out var members) || !members.Remove(connection, out var member)) return null;
            if (members.Count == 0) _rooms.Remove(room);
            _snapshots.Remove(room);
            var mine = _memberships[connection];
            mine.Remove(room);
            if (mine.Count == 0) _memberships.Remove(connection);
            return member;
        }
    }

    /// <summary>Removes <paramref name="connection"/> from every room; the memberships it had.</summary>
    public IReadOnlyList<RoomMember> LeaveAll(WebSocketConnection connection)
    {
        lock (_gate)
        {
            if (!_memberships.Remove(connection, out var mine)) return [];
            foreach (var room in mine.Keys)
            {
                var members = _rooms[room];
                members.Remove(connection);
                if (members.Count == 0) _rooms.Remove(room);
                _snapshots.Remove(room);
            }
            return [.. mine.Values];
        }
    }

    /// <summary>True when <paramref name="connection"/> is in <paramref name="room"/>.</summary>
    public bool IsMember(string room, WebSocketConnection connection) => MembershipOf(room, connection) is not null;

    /// <summary><paramref name="connection"/>'s membership of <paramref name="room"/> (its name there), or null.</summary>
    public RoomMember? MembershipOf(string room, WebSocketConnection connection)
    {
        lock (_gate)
            return _memberships.TryGetValue(connection, out var mine) && mine.TryGetValue(room, out var member) ? member : null;
    }

    /// <summary>Number of rooms <paramref name="connection"/> is in.</summary>
    public int RoomCountOf(WebSocketConnection connection)
    {
        lock (_gate) return _memberships.TryGetValue(connection, out var mine) ? mine.Count : 0;
    }

    /// <summary>Number of members of <paramref name="room"/> (0 when the room does not exist).</summary>
    public int CountOf(string room)
    {
        lock (_gate) return _rooms.TryGetValue(room, out var members) ? members.Count : 0;
    }

    /// <summary>
    /// A snapshot of the members of <paramref name="room"/> (empty when the room does not exist): the hub's cached
    /// array, shared until the next join or leave, so do not cast it back and change it.
    /// </summary>
    public IReadOnlyList<RoomMember> MembersOf(string room) => SnapshotOf(room);

    /// <summary>
    /// Queues <paramref name="message"/> (encoded once, bytes shared) to every member of <paramref name="room"/>
    /// except <paramref name="except"/>; returns how many accepted it. A member whose queue is full is closed (1008).
    /// </summary>
    /// <remarks>With a shared backplane the message also goes to the room's members on other instances.</remarks>
    public int Broadcast(string room, OutboundMessage message, WebSocketConnection? except = null)
    {
        var delivered = DeliverLocally(room, message, except);
        // Not awaited: local members never wait for the network; the backplane logs its own failures.
        _ = _backplane.PublishAsync(_name, room, message);
        return delivered;
    }

    private int DeliverLocally(string room, OutboundMessage message, WebSocketConnection? except)
    {
        var delivered = 0;
        foreach (var member in SnapshotOf(room))
            if (member.Connection != except && member.Connection.TrySend(message)) delivered++;
        return delivered;
    }

    private RoomMember[] SnapshotOf(string room)
    {
        lock (_gate)
        {
            if (_snapshots.TryGetValue(room, out var snapshot)) return snapshot;
            if (!_rooms.TryGetValue(room, out var members)) return [];
            return _snapshots[room] = [.. members.Values];
        }
    }
}
