namespace Workshop.Protocols.ServerSentEvents;

/// <summary>Why a subscription stopped receiving live events.</summary>
public enum SseSubscriptionEnd
{
    /// <summary>The subscriber went away (client disconnect, or the stream finished) and unsubscribed.</summary>
    Unsubscribed,

    /// <summary>Its queue was full: it read too slowly and was dropped so that it never slows the others.</summary>
    TooSlow,

    /// <summary>The server ended it on purpose (<see cref="SseTopic.DisconnectAll"/>, or the topic was removed).</summary>
    Disconnected,
}
