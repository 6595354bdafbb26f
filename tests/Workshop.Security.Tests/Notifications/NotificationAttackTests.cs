using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Workshop.Playground.Features.Notifications;
using Workshop.Security.Tests.Support;

namespace Workshop.Security.Tests.Notifications;

/// <summary>
/// The notifications demo (lab 10's contract) faces strangers: anyone can sign in, send and open streams, so each
/// thing they can make the server hold or do is bounded, and each bound is attacked here.
/// </summary>
public sealed class NotificationAttackTests
{
    [Fact]
    public async Task A_login_flood_from_one_client_is_refused_with_429_past_the_rate_limit()
    {
        await using var server = new ProductionPlayground(new Dictionary<string, string?> { ["Security:RateLimits:NotificationsLogin:PermitLimit"] = "5" });
        using var http = server.Client();
        for (var i = 0; i < 5; i++)
        {
            using var ok = await http.PostAsJsonAsync("/login", new { name = $"u{i}" });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var refused = await http.PostAsJsonAsync("/login", new { name = "one-more" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate-limited", await Attack.ReasonAsync(refused));
        Assert.Equal(5, server.Services.GetRequiredService<NotificationSessions>().Count);
    }

    [Fact]
    public async Task Signing_in_past_the_session_cap_pushes_out_the_oldest_session_instead_of_growing()
    {
        await using var server = new ProductionPlayground(new Dictionary<string, string?>
        {
            ["Notifications:MaxSessions"] = "5",
            ["Security:RateLimits:NotificationsLogin:PermitLimit"] = "1000",
        });
        var first = await LoginAsync(server, "first");
        HttpClient? last = null;
        for (var i = 0; i < 30; i++)
        {
            last?.Dispose();
            last = await LoginAsync(server, $"flood{i}");
        }
        Assert.Equal(5, server.Services.GetRequiredService<NotificationSessions>().Count);
        using (var newest = await last!.GetAsync("/notifications")) Assert.Equal(HttpStatusCode.OK, newest.StatusCode);
        using (var pushedOut = await first.GetAsync("/notifications"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, pushedOut.StatusCode);
            Assert.Equal("sign-in-required", await Attack.ReasonAsync(pushedOut));
        }
        first.Dispose();
        last.Dispose();
    }

    [Fact]
    public async Task A_stream_flood_by_one_user_is_refused_with_429_while_another_user_still_connects()
    {
        await using var server = new ProductionPlayground(new Dictionary<string, string?> { ["Notifications:MaxStreamsPerUser"] = "3" });
        using var ada = await LoginAsync(server, "ada");
        using var bob = await LoginAsync(server, "bob");
        var open = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++) open.Add(await OpenStreamAsync(ada));
        Assert.All(open, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        using (var refused = await OpenStreamAsync(ada))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("too-many-streams", await Attack.ReasonAsync(refused));
        }
        using (var other = await OpenStreamAsync(bob)) Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        open[0].Dispose();
        await Workshop.Testing.Eventually.HoldsAsync(async () =>
        {
            using var again = await OpenStreamAsync(ada);
            return again.StatusCode == HttpStatusCode.OK;
        }, "a stream can be opened again once one of the user's closed");
        foreach (var response in open) response.Dispose();
    }

    [Fact]
    public async Task Streams_past_the_server_wide_cap_are_refused_with_503_whoever_asks()
    {
        await using var server = new ProductionPlayground(new Dictionary<string, string?> { ["Notifications:MaxStreams"] = "2" });
        using var ada = await LoginAsync(server, "ada");
        using var bob = await LoginAsync(server, "bob");
        using var first = await OpenStreamAsync(ada);
        using var second = await OpenStreamAsync(bob);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var refused = await OpenStreamAsync(bob);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("server-full", await Attack.ReasonAsync(refused));
    }

    [Fact]
    public async Task A_notify_body_over_the_limit_is_refused_with_413_and_reaches_no_inbox()
    {
        await using var server = new ProductionPlayground();
        using var http = server.Client();
        using var refused = await http.PostAsJsonAsync("/notify", new { to = "ada", text = new string('x', 8 * 1024) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        using var ada = await LoginAsync(server, "ada");
        var inbox = await ada.GetFromJsonAsync<JsonElement>("/notifications");
        Assert.Equal(0, inbox.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_notify_flood_from_one_client_is_refused_with_429_past_the_rate_limit()
    {
        await using var server = new ProductionPlayground(new Dictionary<string, string?> { ["Security:RateLimits:NotificationsNotify:PermitLimit"] = "3" });
        using var http = server.Client();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await http.PostAsJsonAsync("/notify", new { to = "ada", text = $"n{i}" });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var refused = await http.PostAsJsonAsync("/notify", new { to = "ada", text = "one more" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate-limited", await Attack.ReasonAsync(refused));
    }

    // A client that sends the session cookie it was given (and no other), as a browser would.
    private static async Task<HttpClient> LoginAsync(ProductionPlayground server, string name)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 20 }) { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var response = await http.PostAsJsonAsync("/login", new { name });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        http.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        return http;
    }

    private static Task<HttpResponseMessage> OpenStreamAsync(HttpClient http)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/notifications/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
