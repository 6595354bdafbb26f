using System.Net.Http.Json;
using Workshop.Protocols.Redis;
using Workshop.Testing;
using Xunit.Abstractions;

namespace Workshop.Redis.Tests;

/// <summary>The built playground itself, run twice as child processes with the backplane switched on by environment variables.</summary>
public sealed class PlaygroundScaleOutTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("workshop-redis-").FullName;

    [Fact]
    public async Task Two_playground_processes_on_one_Redis_share_chat_rooms()
    {
        await RedisEndpoint.RequireAsync();
        var environment = Environment(RedisEndpoint.Address);
        await using var a = await ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), environment);
        // Same Redis and key prefix, its own data directory (a shared one is refused: see DataDirectoryTests).
        environment["Workshop__DataDirectory"] = Path.Combine(_data, Guid.NewGuid().ToString("N"));
        await using var b = await ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), environment);
        await using var ada = await ChatClient.ConnectAsync(Chat(a.BaseAddress));
        await ada.JoinAsync("lobby", "ada");
        await ada.NextAsync();
        await using var bob = await ChatClient.ConnectAsync(Chat(b.BaseAddress));
        await bob.JoinAsync("lobby", "bob");
        await bob.NextAsync();

        await ada.SayAsync("lobby", "across processes");
        Assert.Equal("across processes", await bob.NextSaidAsync());
        using var http = new HttpClient { BaseAddress = b.BaseAddress };
        var health = await http.GetFromJsonAsync<BackplaneHealthReport>("/health");
        Assert.Equal(new BackplaneHealthReport("ok", "redis", null), health);
    }

    [Fact]
    public async Task The_playground_reports_degraded_health_with_a_reason_while_its_Redis_is_unreachable()
    {
        var nobody = $"127.0.0.1:{RedisChildServer.FreePort()}";
        await using var app = await ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), Environment(nobody));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var health = await http.GetFromJsonAsync<BackplaneHealthReport>("/health");
        output.WriteLine($"/health = {health}");
        Assert.Equal("degraded", health!.Status);
        Assert.Contains(nobody, health.Reason, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => app.Output.Contains("Redis backplane", StringComparison.Ordinal), "the outage is logged");
    }

    private Dictionary<string, string?> Environment(string redis) => new()
    {
        ["Redis__Configuration"] = redis,
        ["Redis__KeyPrefix"] = RedisEndpoint.UniquePrefix(),
        ["Workshop__DataDirectory"] = Path.Combine(_data, Guid.NewGuid().ToString("N")),
    };

    private static Uri Chat(Uri http) => new UriBuilder(http) { Scheme = "ws", Path = "/ws/chat" }.Uri;

    public void Dispose()
    {
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
