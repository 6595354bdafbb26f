using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workshop.Testing;
using Xunit.Abstractions;

namespace Workshop.Redis.Tests;

/// <summary>
/// End to end: a real nginx with the documented load-balancer block (round robin, no sticky sessions) in front of
/// two playground processes sharing a redis-server of their own. nginx's log proves requests reached both instances.
/// </summary>
public sealed class LoadBalancerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("workshop-lb-").FullName;
    private readonly string _prefix = RedisEndpoint.UniquePrefix();
    private RedisChildServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisChildServer.StartAsync();

    [Fact]
    public async Task Two_chatters_balanced_onto_different_instances_hear_each_other()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        await using var nginx = await NginxBalancer.StartAsync(a.BaseAddress, b.BaseAddress);
        var chat = new UriBuilder(nginx.BaseAddress) { Scheme = "ws", Path = "/ws/chat" }.Uri;
        await using (var ada = await ChatClient.ConnectAsync(chat))
        await using (var bob = await ChatClient.ConnectAsync(chat))
        {
            await ada.JoinAsync("lobby", "ada");
            Assert.Equal(("joined", "ada", null), await ada.NextAsync());
            await bob.JoinAsync("lobby", "bob");
            Assert.Equal(("joined", "bob", null), await bob.NextAsync());
            await ada.SayAsync("lobby", "through nginx");
            Assert.Equal("through nginx", await bob.NextSaidAsync());
            Assert.Equal("through nginx", await ada.NextSaidAsync()); // the speaker hears itself too
            await bob.SayAsync("lobby", "and back");
            Assert.Equal("and back", await ada.NextSaidAsync());
        }
        // nginx logs a WebSocket when it closes: the two chatters were served by the two instances.
        await Eventually.HoldsAsync(async () => (await nginx.UpstreamsOfAsync("GET", "/ws/chat")).Count == 2, "nginx logged both chat connections");
        var upstreams = await nginx.UpstreamsOfAsync("GET", "/ws/chat");
        output.WriteLine(string.Join(", ", upstreams));
        Assert.Equal(2, upstreams.Distinct().Count());
    }

    [Fact]
    public async Task A_bin_created_through_the_balancer_captures_on_both_instances_and_lists_everything()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        await using var nginx = await NginxBalancer.StartAsync(a.BaseAddress, b.BaseAddress);
        using var http = new HttpClient { BaseAddress = nginx.BaseAddress };
        using var created = await http.PostAsJsonAsync("/api/bins", new { });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var bin = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        for (var i = 1; i <= 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"/hooks/{bin}", new StringContent($"capture {i}"))).StatusCode);
        for (var i = 0; i < 2; i++) // a read on each instance
        {
            var listed = await http.GetFromJsonAsync<JsonElement>($"/api/bins/{bin}/requests");
            Assert.Equal(["capture 2", "capture 1"], listed.EnumerateArray().Select(c => c.GetProperty("body").GetString()));
        }

        var captures = await nginx.UpstreamsOfAsync("POST", "/hooks/");
        var reads = await nginx.UpstreamsOfAsync("GET", "/api/bins/");
        output.WriteLine($"captures: {string.Join(", ", captures)}; reads: {string.Join(", ", reads)}");
        Assert.Equal(2, captures.Distinct().Count());
        Assert.Equal(2, reads.Distinct().Count());
    }

    private async Task<ChildProcessHost> StartAsync() => await ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), new Dictionary<string, string?>
    {
        ["Redis__Configuration"] = _redis.Address,
        ["Redis__KeyPrefix"] = _prefix,
        ["Workshop__DataDirectory"] = Path.Combine(_data, Guid.NewGuid().ToString("N")),
    });

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying child: the OS cleans the temp folder later.
        }
    }
}
