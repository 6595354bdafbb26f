using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.ServerSentEvents;

namespace Workshop.Protocols.ServerSentEvents;

/// <summary>
/// Writes the SSE wire format to a response's <see cref="PipeWriter"/>. Events are formatted by the framework's
/// <see cref="SseFormatter"/> (it splits multi-line data into several <c>data:</c> lines and writes
/// <c>id:</c>/<c>event:</c>), once per event (<see cref="SseEvent"/> keeps its bytes). Two frames are written by
/// hand because <see cref="SseFormatter"/> can only write items that carry data: the heartbeat comment
/// (<c>: ping</c>, which browsers ignore, while a data item would fire an event) and a bare <c>retry:</c> hint that
/// must go out before any event exists. Writes only copy into the pipe; <see cref="FlushAsync"/> sends.
/// </summary>
internal sealed class SseWireWriter(PipeWriter body)
{
    private static readonly byte[] Ping = ": ping\n\n"u8.ToArray();

    /// <summary>The <see cref="SseItem{T}"/> for one published event.</summary>
    public static SseItem<string> ToItem(SseEvent item)
        => new(item.Data, item.EventName) { EventId = item.Id.ToString(CultureInfo.InvariantCulture) };

    /// <summary>Formats one item with <see cref="SseFormatter"/> into its UTF-8 bytes.</summary>
    public static byte[] Encode(SseItem<string> item)
    {
        using var buffer = new MemoryStream();
        // An in-memory stream and a one-item sequence: the formatter finishes synchronously, nothing blocks here.
        var writing = SseFormatter.WriteAsync(((SseItem<string>[])[item]).ToAsyncEnumerable(), buffer, CancellationToken.None);
        if (!writing.IsCompleted) throw new InvalidOperationException("SseFormatter did not complete synchronously on a MemoryStream.");
        writing.GetAwaiter().GetResult();
        return buffer.ToArray();
    }

    /// <summary>Writes a <c>retry:</c> field on its own: no data, so browsers dispatch no event for it.</summary>
    public void WriteRetry(TimeSpan retry)
    {
        var millis = ((long)retry.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        body.Write(System.Text.Encoding.UTF8.GetBytes($"retry: {millis}\n\n"));
    }

    /// <summary>Writes the heartbeat comment.</summary>
    public void WritePing() => body.Write(Ping);

    /// <summary>Writes a published event (its shared, already encoded bytes).</summary>
    public void Write(SseEvent item) => body.Write(item.Wire);

    /// <summary>Writes an item that is not a published event (greeting, reset, replay announcement).</summary>
    public void Write(SseItem<string> item) => body.Write(Encode(item));

    /// <summary>Pushes what was written to the client now (SSE must never sit in a buffer).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken) => await body.FlushAsync(cancellationToken);
}
