/// <summary>
/// The idempotency keys already accepted, each kept for <see cref="Retention"/> and never more than
/// <see cref="Capacity"/> of them: a set that grows with every payment for the life of the server is a slow leak.
/// Callers hold their own lock; this type is not thread-safe.
/// </summary>
public sealed class SeenKeys(TimeProvider time)
{
    /// <summary>
    /// How long a key is remembered. It must outlast the sender's retries: Standard Webhooks senders retry for
    /// about a day and a half, Razorpay for 24 hours; after that the same event never comes back.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(3);

    /// <summary>The most keys kept at once; the oldest go first (a real ledger keeps them in its database instead).</summary>
    public const int Capacity = 100_000;

    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset Seen)> _order = new();

    /// <summary>The number of keys remembered now.</summary>
    public int Count => _keys.Count;

    /// <summary>True when <paramref name="key"/> was accepted within the retention.</summary>
    public bool Contains(string key)
    {
        Forget();
        return _keys.Contains(key);
    }

    /// <summary>Remembers every key of <paramref name="keys"/> from now on.</summary>
    public void UnionWith(IEnumerable<string> keys)
    {
        var now = time.GetUtcNow();
        foreach (var key in keys)
        {
            if (_keys.Add(key)) _order.Enqueue((key, now));
        }
        Forget();
    }

    // Keys leave in the order they came: the oldest first, once expired or once there are too many.
    private void Forget()
    {
        var expired = time.GetUtcNow() - Retention;
        while (_order.Count > 0 && (_order.Peek().Seen <= expired || _order.Count > Capacity))
        {
            _keys.Remove(_order.Dequeue().Key);
        }
    }
}
