using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workshop.Protocols.Diagnostics;

namespace Workshop.Protocols.ServerSentEvents;

/// <summary>Runs one SSE response: headers, retry hint, greeting, reset/replay, then live events and heartbeats.</summary>
internal static class SseStreamer
{
    /// <summary>Header a reconnecting browser sends; the query parameter serves first connects (EventSource cannot set headers).</summary>
    public const string LastEventIdHeader = "Last-Event-ID";

    /// <summary>The query parameter for a first connect that wants to resume.</summary>
    public const string LastEventIdQuery = "lastEventId";

    private const int MaxEchoedIdLength = 64;

    public static async Task StreamAsync(HttpContext context, SseTopic topic, SseStreamOptions streamOptions)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<ServerSentEventsOptions>>().Value;
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SseTopic).Namespace!);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var token = cts.Token;

        var requested = ReadLastEventId(context.Request);
        PrepareResponse(context);
        using var subscription = await topic.SubscribeAsync(requested, token);
        using var tracked = ProtocolMetrics.Track(ProtocolMetrics.Sse, subscription, subscription.Deliveries);
        var plan = subscription.Plan;
        SseLog.Subscribed(logger, topic.Name, plan.Kind, plan.ResumeFromId);
        if (plan.ResetReason is not null) SseLog.ResetSent(logger, topic.Name, plan.ResetReason);

        var writer = new SseWireWriter(context.Response.BodyWriter);
        try
        {
            // Headers now: the browser's `open` must not wait for the first event.
            await context.Response.StartAsync(token);
            if (options.RetryHint > TimeSpan.Zero) writer.WriteRetry(options.RetryHint);
            WriteOpening(writer, plan, streamOptions, requested, topic.LastEventId);
            await writer.FlushAsync(token);
            await PumpAsync(subscription.Deliveries, writer, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client went away or the app is stopping: the using blocks unsubscribe.
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            // A write raced with the disconnect.
        }
        SseLog.Unsubscribed(logger, topic.Name, subscription.EndReason?.ToString() ?? "client left");
    }

    /// <summary>The <c>Last-Event-ID</c> header wins (a browser's reconnect keeps the first URL's query string).</summary>
    public static string? ReadLastEventId(HttpRequest request)
    {
        var header = request.Headers[LastEventIdHeader].ToString();
        if (!string.IsNullOrWhiteSpace(header)) return header;
        var query = request.Query[LastEventIdQuery].ToString();
        return string.IsNullOrWhiteSpace(query) ? null : query;
    }

    private static void PrepareResponse(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        // Response compression would buffer events inside the compressor; an explicit identity encoding makes the
        // compression middleware leave this response alone (ASP.NET Core's own SSE result does the same).
        response.Headers.ContentEncoding = "identity";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    private static void WriteOpening(SseWireWriter writer, SseResumePlan plan, SseStreamOptions streamOptions, string? requested, long latest)
    {
        if (streamOptions.HelloData is not null)
            writer.Write(new SseItem<string>(streamOptions.HelloData, streamOptions.HelloEventName));
        if (plan.Kind == SseResumeKind.Reset)
        {
            var echoed = requested is { Length: > MaxEchoedIdLength } ? requested[..MaxEchoedIdLength] : requested;
            var data = JsonSerializer.Serialize(
                new ResetData(plan.ResetReason!, echoed, plan.ResumeFromId, latest), JsonSerializerOptions.Web);
            // Its id is where the following replay starts, so a drop during the replay resumes correctly.
            writer.Write(new SseItem<string>(data, "reset") { EventId = plan.ResumeFromId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        else if (streamOptions.AnnounceReplay && plan.Replay.Count > 0)
        {
            var data = JsonSerializer.Serialize(new ReplayData(plan.Replay.Count, plan.ResumeFromId), JsonSerializerOptions.Web);
            writer.Write(new SseItem<string>(data, "replay"));
        }
        foreach (var item in plan.Replay) writer.Write(item);
    }

    /// <summary>
    /// One wait per wake-up: everything queued (events, and the topic's heartbeat marker) is copied into the
    /// response pipe, then flushed once. An idle stream holds no timer and no pending task of its own.
    /// </summary>
    private static async Task PumpAsync(ChannelReader<SseEvent> deliveries, SseWireWriter writer, CancellationToken token)
    {
        // False: the topic ended this subscription (dropped as slow, or disconnected): end the response.
        while (await deliveries.WaitToReadAsync(token))
        {
            var events = 0;
            while (deliveries.TryRead(out var item))
            {
                if (SseSubscription.IsHeartbeat(item)) writer.WritePing();
                else
                {
                    writer.Write(item);
                    events++;
                }
            }
            await writer.FlushAsync(token);
            if (events > 0) ProtocolMetrics.Delivered(ProtocolMetrics.Sse, events);
        }
    }

    private sealed record ResetData(string Reason, string? Requested, long ResumeFrom, long Latest);

    private sealed record ReplayData(int Count, long After);
}
