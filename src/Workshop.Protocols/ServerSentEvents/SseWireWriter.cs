using System.Globalization;
using System.Net.ServerSentEvents;

namespace Workshop.Protocols.ServerSentEvents;

/// <summary>
/// Writes the SSE wire format to a response body. Events go through the framework's <see cref="SseFormatter"/>
/// (it splits multi-line data into several <c>data:</c> lines and writes <c>id:</c>/<c>event:</c>). Two frames are
/// written by hand because <see cref="SseFormatter"/> can only write items that carry data: the heartbeat comment
/// (<c>: ping</c>, which browsers ignore, while a data item would fire an event) and a bare <c>retry:</c> hint that
/// must go out before any event exists.
/// </summary>
internal sealed class SseWireWriter(Stream body)
{
    private static readonly byte[] Ping = ": ping\n\n"u8.ToArray();

    /// <summary>The <see cref="SseItem{T}"/> for one published event.</summary>
    public static SseItem<string> ToItem(SseEvent item)
        => new(item.Data, item.EventName) { EventId = item.Id.ToString(CultureInfo.InvariantCulture) };

    /// <summary>Writes a <c>retry:</c> field on its own: no data, so browsers dispatch no event for it.</summary>
    public Task WriteRetryAsync(TimeSpan retry, CancellationToken cancellationToken)
    {
        var millis = ((long)retry.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        return body.WriteAsync(System.Text.Encoding.UTF8.GetBytes($"retry: {millis}\n\n"), cancellationToken).AsTask();
    }

    /// <summary>Writes the heartbeat comment.</summary>
    public Task WritePingAsync(CancellationToken cancellationToken) => body.WriteAsync(Ping, cancellationToken).AsTask();

    /// <summary>Writes events in order through <see cref="SseFormatter"/>.</summary>
    public Task WriteAsync(IEnumerable<SseItem<string>> items, CancellationToken cancellationToken)
        => SseFormatter.WriteAsync(items.ToAsyncEnumerable(), body, cancellationToken);

    /// <summary>Pushes what was written to the client now (SSE must never sit in a buffer).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => body.FlushAsync(cancellationToken);
}
