using System.Net.Http.Headers;

using Workshop.Security.Tests.Support;

namespace Workshop.Security.Tests.Hosting;

/// <summary>One client cannot hold open event streams without limit (each costs the server a connection and buffers).</summary>
public sealed class StreamCapTests
{
    [Fact]
    public async Task A_client_past_its_open_stream_cap_is_answered_429_until_one_closes()
    {
        await using var server = new ProductionPlayground(new Dictionary<string, string?> { ["Security:RateLimits:MaxStreamsPerClient"] = "3" });
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 10 }) { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var open = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++) open.Add(await OpenAsync(http));
        Assert.All(open, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        using (var refused = await OpenAsync(http))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("rate-limited", await Attack.ReasonAsync(refused));
        }
        open[0].Dispose();
        await Workshop.Testing.Eventually.HoldsAsync(async () =>
        {
            using var again = await OpenAsync(http);
            return again.StatusCode == HttpStatusCode.OK;
        }, "a stream can be opened again once one closed");
        foreach (var response in open) response.Dispose();
    }

    private static Task<HttpResponseMessage> OpenAsync(HttpClient http)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
