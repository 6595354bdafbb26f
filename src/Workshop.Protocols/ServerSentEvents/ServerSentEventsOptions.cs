namespace Workshop.Protocols.ServerSentEvents;

/// <summary>Settings for every Server-Sent Events topic and stream, bound from the <c>ServerSentEvents</c> section.</summary>
public sealed class ServerSentEventsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "ServerSentEvents";

    /// <summary>How many recent events each topic keeps for replay after a reconnect (default 1000).</summary>
    public int LogCapacity { get; set; } = 1000;

    /// <summary>
    /// How many events may wait for one subscriber (default 256). A subscriber whose queue is full is dropped
    /// (its stream ends and it resumes later from the log), so it never slows the publisher or other subscribers.
    /// </summary>
    public int SubscriberQueueCapacity { get; set; } = 256;

    /// <summary>
    /// How often a topic writes a <c>: ping</c> comment to its open streams (default 15 s), so proxies keep them open;
    /// skipped for an interval in which the topic delivered an event, so a stream is never silent for two intervals.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The <c>retry:</c> hint sent first on every stream: how long a client waits before reconnecting (default 3 s; zero sends none).</summary>
    public TimeSpan RetryHint { get; set; } = TimeSpan.FromSeconds(3);
}
