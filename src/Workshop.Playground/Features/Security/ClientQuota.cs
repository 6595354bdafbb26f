namespace Workshop.Playground.Features.Security;

/// <summary>
/// A per-client allowance over a fixed window (e.g. 200 deliveries a day), in memory. Unlike a rate limit it bounds
/// what one client may make the server store, not how fast. The table of clients is bounded too: past
/// <see cref="MaxClients"/> tracked clients, expired entries are dropped, and while it is still full new clients are
/// refused (the caller answers 503), so a flood of addresses cannot grow it without limit.
/// </summary>
public sealed class ClientQuota(int limit, TimeSpan window, TimeProvider time)
{
    /// <summary>Most clients tracked at once.</summary>
    public const int MaxClients = 100_000;

    private readonly Dictionary<string, (DateTimeOffset Start, int Used)> _clients = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The allowance per window.</summary>
    public int Limit => limit;

    /// <summary>Takes one unit for <paramref name="client"/>; when refused, <paramref name="retryAfter"/> says when the window ends.</summary>
    public QuotaDecision TryTake(string client, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = time.GetUtcNow();
        retryAfter = TimeSpan.Zero;
        lock (_lock)
        {
            if (!_clients.TryGetValue(client, out var entry) || now - entry.Start >= window)
            {
                if (!_clients.ContainsKey(client) && _clients.Count >= MaxClients)
                {
                    foreach (var expired in _clients.Where(c => now - c.Value.Start >= window).Select(c => c.Key).ToList()) _clients.Remove(expired);
                    if (_clients.Count >= MaxClients)
                    {
                        retryAfter = TimeSpan.FromMinutes(1);
                        return QuotaDecision.Busy;
                    }
                }
                entry = (now, 0);
            }
            if (entry.Used >= limit)
            {
                retryAfter = entry.Start + window - now;
                return QuotaDecision.Exhausted;
            }
            _clients[client] = (entry.Start, entry.Used + 1);
            return QuotaDecision.Granted;
        }
    }
}
