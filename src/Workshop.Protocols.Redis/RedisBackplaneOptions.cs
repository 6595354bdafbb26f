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
}
