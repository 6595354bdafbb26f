using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace Workshop.Protocols.ServerSentEvents;

/// <summary>
/// Follows an SSE stream the way a browser's EventSource does, on top of the framework's <see cref="SseParser"/>:
/// remembers the last event id, and after a dropped connection waits the server's <c>retry:</c> hint and reconnects
/// with <c>Last-Event-ID</c>. A non-success status ends it with <see cref="HttpRequestException"/>; 204 ends it quietly.
/// </summary>
/// <param name="http">The client used for every request (its base address resolves relative URIs).</param>
/// <param name="timeProvider">Clock for the reconnect delay; <see cref="TimeProvider.System"/> when null.</param>
public sealed class SseClient(HttpClient http, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The id of the last event received; sent as <c>Last-Event-ID</c> on the next connect. Set it to resume.</summary>
    public string? LastEventId { get; set; }

    /// <summary>How long to wait before reconnecting; the server's <c>retry:</c> hint replaces it (default 3 s).</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How many connections were opened (answered with a success status).</summary>
    public int Connects { get; private set; }

    /// <summary>How many times <see cref="FollowAsync"/> reconnected after a stream ended or broke.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Reads one connection until the server ends it. Updates <see cref="LastEventId"/> and <see cref="RetryInterval"/>.</summary>
    public async IAsyncEnumerable<SseItem<string>> ReadAsync(Uri uri, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (!string.IsNullOrEmpty(LastEventId)) request.Headers.TryAddWithoutValidation("Last-Event-ID", LastEventId);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NoContent) yield break;
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            throw new HttpRequestException($"Expected text/event-stream but got '{response.Content.Headers.ContentType}'.", null, response.StatusCode);
        Connects++;

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var parser = SseParser.Create(stream);
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            Remember(parser);
            yield return item;
        }
        Remember(parser);
    }

    /// <summary>
    /// Follows the stream across reconnects until <paramref name="cancellationToken"/> is cancelled, the server answers
    /// 204, or an attempt gets a non-success status (thrown).
    /// </summary>
    public async IAsyncEnumerable<SseItem<string>> FollowAsync(Uri uri, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; !cancellationToken.IsCancellationRequested; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(RetryInterval, _time, cancellationToken);
                Reconnects++;
            }
            var connectsBefore = Connects;
            var broken = false;
            await using var items = ReadAsync(uri, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                bool more;
                try
                {
                    more = await items.MoveNextAsync();
                }
                catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
                {
                    broken = true;
                    break;
                }
                if (!more) break;
                yield return items.Current;
            }
            // Ended cleanly without ever connecting: the server answered 204, which means "stop reconnecting".
            if (!broken && Connects == connectsBefore) yield break;
        }
    }

    // A broken connection or a refused connect is retried; an HTTP error status is the server's answer and is not.
    private static bool IsTransient(Exception e) => e is IOException or HttpRequestException { StatusCode: null };

    private void Remember(SseParser<string> parser)
    {
        if (!string.IsNullOrEmpty(parser.LastEventId)) LastEventId = parser.LastEventId;
        if (parser.ReconnectionInterval > TimeSpan.Zero && parser.ReconnectionInterval != Timeout.InfiniteTimeSpan)
            RetryInterval = parser.ReconnectionInterval;
    }
}
