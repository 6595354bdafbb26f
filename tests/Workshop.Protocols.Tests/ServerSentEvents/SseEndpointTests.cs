using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Testing;

namespace Workshop.Protocols.Tests.ServerSentEvents;

public sealed class SseEndpointTests
{
    [Fact]
    public async Task Stream_sends_its_headers_at_once_before_any_event_exists()
    {
        await using var server = await SseTestServer.StartAsync(map: app => app.MapServerSentEvents("/quiet", "quiet"));
        await using var stream = await RawSseStream.OpenAsync(server.Http, "/quiet");

        var response = stream.Response;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal("no", Assert.Single(response.Headers.GetValues("X-Accel-Buffering")));
        Assert.Equal(["retry: 3000"], await stream.ReadFrameAsync());
    }

    [Fact]
    public async Task Stream_sends_hello_first_then_published_events_with_increasing_ids()
    {
        await using var server = await SseTestServer.StartAsync();
        await using var stream = await RawSseStream.OpenAsync(server.Http, "/events");
        Assert.Equal(["retry: 3000"], await stream.ReadFrameAsync());
        Assert.Equal(["data: Hello from server"], await stream.ReadFrameAsync());

        await Eventually.HoldsAsync(() => server.Feed.SubscriberCount == 1, "the stream subscribed");
        server.Feed.Publish("score", "{\"home\":1}");
        server.Feed.Publish(null, "plain");

        Assert.Equal(["event: score", "id: 1", "data: {\"home\":1}"], Sorted(await stream.ReadFrameAsync()));
        Assert.Equal(["id: 2", "data: plain"], Sorted(await stream.ReadFrameAsync()));
    }

    [Fact]
    public async Task Multi_line_data_arrives_as_several_data_lines_and_parses_back_whole()
    {
        await using var server = await SseTestServer.StartAsync();
        await using var stream = await RawSseStream.OpenAsync(server.Http, "/events");
        await stream.ReadFrameWithAsync("data: Hello from server");
        await Eventually.HoldsAsync(() => server.Feed.SubscriberCount == 1, "the stream subscribed");

        server.Feed.Publish(null, "line one\nline two\r\nline three");

        Assert.Equal(["id: 1", "data: line one", "data: line two", "data: line three"], Sorted(await stream.ReadFrameAsync()));
    }

    [Fact]
    public async Task Stream_is_never_compressed_even_when_gzip_is_accepted_and_the_middleware_would_compress()
    {
        await using var server = await SseTestServer.StartAsync(
            configure: builder => builder.Services.AddResponseCompression(o =>
            {
                o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Append("text/event-stream");
                o.Providers.Add<GzipCompressionProvider>();
            }),
            map: app =>
            {
                app.UseResponseCompression();
                app.MapServerSentEvents("/events", "feed", o => o.HelloData = "Hello from server");
                // Control: the same content type written naively does get compressed, so the middleware is live.
                app.MapGet("/naive", (HttpContext c) => { c.Response.ContentType = "text/event-stream"; return c.Response.WriteAsync("data: x\n\n"); });
            });
        static void Gzip(HttpRequestMessage r) => r.Headers.AcceptEncoding.ParseAdd("gzip");

        await using (var naive = await RawSseStream.OpenAsync(server.Http, "/naive", Gzip))
            Assert.Contains("gzip", naive.Response.Content.Headers.ContentEncoding);

        await using var stream = await RawSseStream.OpenAsync(server.Http, "/events", Gzip);
        Assert.DoesNotContain("gzip", stream.Response.Content.Headers.ContentEncoding);
        Assert.Equal(["retry: 3000"], await stream.ReadFrameAsync());
        Assert.Equal(["data: Hello from server"], await stream.ReadFrameAsync());
    }

    [Fact]
    public async Task An_unknown_topic_gets_404_with_a_problem_body()
    {
        await using var server = await SseTestServer.StartAsync(map: app =>
            app.MapServerSentEvents("/bins/{bin}/events", c =>
                c.RequestServices.GetRequiredService<ISseTopics>().TryGet((string)c.GetRouteValue("bin")!, out var t) ? t : null));

        var response = await server.Http.GetAsync(new Uri("/bins/nope/events", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"reason\":\"unknown-topic\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(server.Topics.Names);
    }

    [Fact]
    public void A_greeting_event_name_with_a_line_break_is_refused_when_mapping()
    {
        var app = WebApplication.CreateSlimBuilder().Build();
        Assert.Throws<ArgumentException>(() => app.MapServerSentEvents("/x", "x", o => o.HelloEventName = "hello\ndata: forged"));
    }

    private static List<string> Sorted(List<string>? frame)
    {
        // Field order inside a frame is the formatter's choice; data lines keep their relative order.
        Assert.NotNull(frame);
        return [.. frame.Where(l => !l.StartsWith("data:", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
                .. frame.Where(l => l.StartsWith("data:", StringComparison.Ordinal))];
    }
}
