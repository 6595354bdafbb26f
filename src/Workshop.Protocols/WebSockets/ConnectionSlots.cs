namespace Workshop.Protocols.WebSockets;

/// <summary>
/// Counts open WebSocket connections, in total and per client key, under one short lock (O(1) per accept and per
/// release). A slot is taken before the upgrade and handed back by disposing its lease, exactly once.
/// </summary>
internal sealed class ConnectionSlots
{
    private readonly Lock _gate = new();
    // Only clients with at least one open connection have an entry, so the map is bounded by the open connections.
    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private int _total;

    /// <summary>Open connections (slots taken and not yet released).</summary>
    public int Open
    {
        get { lock (_gate) return _total; }
    }

    /// <summary>Open connections of <paramref name="client"/>.</summary>
    public int OpenOf(string client)
    {
        lock (_gate) return _perClient.GetValueOrDefault(client);
    }

    /// <summary>Takes a slot for <paramref name="client"/>; the lease, or null with the cap that refused it.</summary>
    public IDisposable? TryAcquire(string client, int maxTotal, int maxPerClient, out SlotRefusal refusal)
    {
        lock (_gate)
        {
            if (_total >= maxTotal)
            {
                refusal = SlotRefusal.ServerFull;
                return null;
            }
            var mine = _perClient.GetValueOrDefault(client);
            if (mine >= maxPerClient)
            {
                refusal = SlotRefusal.TooManyForClient;
                return null;
            }
            _perClient[client] = mine + 1;
            _total++;
        }
        refusal = SlotRefusal.None;
        return new Lease(this, client);
    }

    private void Release(string client)
    {
        lock (_gate)
        {
            _total--;
            var left = _perClient[client] - 1;
            if (left == 0) _perClient.Remove(client);
            else _perClient[client] = left;
        }
    }

    private sealed class Lease(ConnectionSlots owner, string client) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Release(client);
        }
    }
}

/// <summary>Why <see cref="ConnectionSlots.TryAcquire"/> refused a slot.</summary>
internal enum SlotRefusal
{
    None,
    ServerFull,
    TooManyForClient,
}
