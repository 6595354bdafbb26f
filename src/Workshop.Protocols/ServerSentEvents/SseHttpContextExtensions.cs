using Microsoft.AspNetCore.Http;

namespace Workshop.Protocols.ServerSentEvents;

/// <summary>Streams a topic on the current response, for endpoints that decide on the topic themselves.</summary>
public static class SseHttpContextExtensions
{
    /// <summary>
    /// Subscribes to <paramref name="topic"/> (resuming from <c>Last-Event-ID</c> or <c>?lastEventId=</c>) and streams
    /// it until the client leaves, the app stops or the server ends the subscription.
    /// </summary>
    /// <exception cref="ArgumentException">The greeting's event name contains CR, LF or NUL.</exception>
    public static Task StreamServerSentEventsAsync(this HttpContext context, SseTopic topic, SseStreamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(topic);
        options ??= new SseStreamOptions();
        SseFieldValidator.EnsureSingleLine(options.HelloEventName, nameof(options));
        return SseStreamer.StreamAsync(context, topic, options);
    }
}
