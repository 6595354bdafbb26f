namespace Workshop.Protocols.Redis;

/// <summary>
/// Where the Redis backplane connects, bound from the <c>Redis</c> section. Setting <see cref="Configuration"/>
/// switches the WebSocket hub and the SSE topics to Redis (unless <c>WebSockets:Backplane</c> or
/// <c>ServerSentEvents:Backplane</c> says <c>memory</c>).
/// </summary>
public sealed class RedisBackplaneOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Redis";

    /// <summary>The address used when a backplane is set to <c>redis</c> but no configuration string is given.</summary>
    public const string DefaultConfiguration = "127.0.0.1:6379";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or <c>redis:6379,password=…</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key and channel, so several apps (or test runs) can share one server (default <c>workshop:</c>).</summary>
    public string KeyPrefix { get; set; } = "workshop:";

    /// <summary>
    /// How long an SSE topic's keys (its id counter and stream) live after the topic's last publish (default one
    /// day), so topics nobody publishes to any more do not fill Redis. Ids stay increasing after a topic expired:
    /// each publish passes the topic's latest id as a floor.
    /// </summary>
    public TimeSpan KeyRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How often an instance renews its heartbeat and its chat presence (default 5 s). An instance that dies is
    /// forgotten (its members no longer listed) three intervals after its last renewal.
    /// </summary>
    public TimeSpan PresenceInterval { get; set; } = TimeSpan.FromSeconds(5);
}
