using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.ServerSentEvents;
using System.Text;

namespace Workshop.Playground.Features.Notifications;

/// <summary>
/// Writes one <see cref="NotificationStream"/> as <c>text/event-stream</c>, with a <c>: ping</c> comment whenever it
/// has been idle for the heartbeat interval (as lab 05 teaches): a proxy in front closes a silent connection, and a
/// comment is the one thing an <c>EventSource</c> reads without firing an event or moving <c>Last-Event-ID</c>.
/// </summary>
internal static class NotificationStreamWriter
{
    private static readonly byte[] Ping = ": ping\n\n"u8.ToArray();

    public static async Task WriteAsync(HttpResponse response, NotificationStream stream, TimeSpan heartbeat, TimeProvider clock, CancellationToken cancellationToken)
    {
        using (stream)
        {
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            var body = response.BodyWriter;
            try
            {
                // The first items go out at once: they send the headers, so the browser's EventSource opens now.
                foreach (var item in stream.First) Write(body, item);
                await body.FlushAsync(cancellationToken);
                // One pending wait on the queue at a time: a ping does not start a second one.
                Task<bool>? ready = null;
                while (true)
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    ready ??= stream.Queue.Reader.WaitToReadAsync(cancellationToken).AsTask();
                    var quiet = Task.Delay(heartbeat, clock, idle.Token);
                    if (await Task.WhenAny(ready, quiet) == ready)
                    {
                        await idle.CancelAsync();
                        if (!await ready) return;
                        ready = null;
                        while (stream.Queue.Reader.TryRead(out var item)) Write(body, item);
                    }
                    else
                    {
                        body.Write(Ping);
                    }
                    await body.FlushAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // the client left or the app is stopping
            }
        }
    }

    // Every field here is one line: event names are constants, ids numbers, data a number or compact JSON.
    private static void Write(PipeWriter body, SseItem<string> item)
    {
        var text = new StringBuilder();
        if (item.EventType is { } type) text.Append("event: ").Append(type).Append('\n');
        if (item.EventId is { } id) text.Append("id: ").Append(id).Append('\n');
        if (item.ReconnectionInterval is { } retry) text.Append("retry: ").Append(((long)retry.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("data: ").Append(item.Data).Append("\n\n");
        body.Write(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
