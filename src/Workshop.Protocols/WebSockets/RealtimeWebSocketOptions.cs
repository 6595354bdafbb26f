namespace Workshop.Protocols.WebSockets;

/// <summary>
/// Settings of the WebSocket endpoints, bound from the <c>WebSockets</c> configuration section
/// (named so it does not clash with ASP.NET Core's own <c>WebSocketOptions</c>).
/// </summary>
public sealed class RealtimeWebSocketOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "WebSockets";

    /// <summary>Largest assembled message accepted, in bytes; a bigger one closes the socket with 1009. Default 64 KiB.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Messages that may wait in one client's send queue; one more closes that client with 1008. Default 256.</summary>
    public int SendQueueCapacity { get; set; } = 256;

    /// <summary>How often the server pings an idle peer. Default 15 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a ping may stay unanswered before the peer is dropped. Default 10 s.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a close handshake may take before the socket is aborted. Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Messages one connection may send in a burst (the token bucket's size). With <see cref="MessagesPerSecond"/>:
    /// a client that sends faster is closed with 1008 (policy violation). Default 100.
    /// </summary>
    public int MessageBurst { get; set; } = 100;

    /// <summary>Messages per second one connection may sustain (the bucket's refill rate). Default 50.</summary>
    public double MessagesPerSecond { get; set; } = 50;

    /// <summary>
    /// Open WebSocket connections the server accepts in total; one more is refused before the upgrade with
    /// 503 <c>server-full</c> and <c>Retry-After</c>. Default 10,000.
    /// </summary>
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>
    /// Open WebSocket connections one client may hold (client = IPv4 address or IPv6 /64, see
    /// <see cref="Workshop.Protocols.Http.ClientPartition"/>); one more is refused before the upgrade with 429
    /// <c>too-many-connections</c>. Default 50.
    /// </summary>
    public int MaxConnectionsPerClient { get; set; } = 50;

    /// <summary>The <c>Retry-After</c> sent with a refusal for a cap. Default 10 s.</summary>
    public TimeSpan ConnectionRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Extra browser origins allowed to connect (e.g. <c>https://example.org</c>). Requests without an Origin
    /// header (non-browser clients) and same-origin requests are always allowed.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];
}
