using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Workshop.Playground.Tests;

/// <summary>The notifications stream over a real server: it opens at once, and an idle stream still speaks.</summary>
public sealed class NotificationsStreamTests
{
    [Fact]
    public async Task An_idle_notification_stream_sends_its_unread_count_at_once_then_ping_comments_that_move_no_event_id()
    {
        await using var server = new PlaygroundServer(new Dictionary<string, string?> { ["ServerSentEvents:HeartbeatInterval"] = "00:00:01" });
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var login = await http.PostAsJsonAsync("/login", new { name = "ada" });
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Add("Cookie", login.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/notifications/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        var first = new List<string>();
        while (await reader.ReadLineAsync(deadline.Token) is { Length: > 0 } line) first.Add(line);
        Assert.Equal(["event: unread", "retry: 1000", "data: 0"], first);

        Assert.Equal(": ping", await reader.ReadLineAsync(deadline.Token));
        Assert.Equal("", await reader.ReadLineAsync(deadline.Token));
    }
}
