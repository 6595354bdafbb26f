using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Workshop.Playground.Features.Inspector;
using Workshop.Security.Tests.Support;
using static Workshop.Security.Tests.Support.Attack;

namespace Workshop.Security.Tests.Inspector;

/// <summary>Flooding the inspector: bins and captures cost the flooder its own data, never other people's, and never unbounded memory.</summary>
public sealed class InspectorQuotaAttackTests
{
    [Fact]
    public async Task A_burst_of_bin_creations_gets_429_before_the_store_grows()
    {
        await using var server = new ProductionPlayground();
        using var http = server.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            using var response = await http.PostAsync("/api/bins", null);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal("rate-limited", await ReasonAsync(response));
            }
        }

        var created = statuses.Count(s => s == HttpStatusCode.Created);
        Assert.Equal(10, created); // Security:RateLimits:BinCreation's default
        Assert.Equal(15, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.True(server.Services.GetRequiredService<InspectorStore>().Count <= created);
    }

    [Fact]
    public async Task A_creator_flooding_bins_evicts_only_its_own_and_a_full_inspector_refuses_instead_of_evicting_others()
    {
        await using var server = new ProductionPlayground(new Dictionary<string, string?>
        {
            ["Security:RateLimits:BinCreation:PermitLimit"] = "100",
            ["Webhooks:Inspector:MaxBinsPerCreator"] = "3",
            ["Webhooks:Inspector:MaxBins"] = "5",
        });
        using var victim = ClientFrom(server, "127.0.0.1");
        using var attacker = ClientFrom(server, "127.0.0.2");
        var victims = new[] { await CreateBinAsync(victim), await CreateBinAsync(victim) };

        var flood = new List<JsonElement>();
        for (var i = 0; i < 8; i++) flood.Add(await CreateBinAsync(attacker));

        foreach (var bin in victims)
        {
            using var kept = await victim.GetAsync($"/api/bins/{Id(bin)}");
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        }
        for (var i = 0; i < flood.Count; i++)
        {
            using var found = await attacker.GetAsync($"/api/bins/{Id(flood[i])}");
            Assert.Equal(i < 5 ? HttpStatusCode.NotFound : HttpStatusCode.OK, found.StatusCode);
        }

        // 2 + 3 = MaxBins: a third victim bin would need someone else's room, so it is refused, not made by eviction.
        using var refused = await victim.PostAsync("/api/bins", null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inspector-full", await ReasonAsync(refused));
        using (var stillThere = await attacker.GetAsync($"/api/bins/{Id(flood[^1])}")) Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task Captures_with_big_headers_and_tiny_bodies_are_bounded_by_the_bins_byte_budget()
    {
        await using var server = new ProductionPlayground(new Dictionary<string, string?> { ["Webhooks:Inspector:MaxBytesPerBin"] = "65536" });
        using var http = server.Client();
        var bin = await CreateBinAsync(http);
        var big = new string('x', 8000);
        for (var i = 0; i < 10; i++)
            await CaptureAsync(http, bin, HttpMethod.Post, request => request.Headers.TryAddWithoutValidation("X-Big", big), body: "{}");

        var kept = await CapturesAsync(http, bin);

        // 8000 header characters are 16 KB in memory: four such captures exceed 64 KiB though their bodies total 8 bytes.
        Assert.InRange(kept.Length, 1, 3);
        Assert.Equal(10, kept[0].GetProperty("id").GetInt64());
        Assert.True(server.Services.GetRequiredService<InspectorStore>().TotalBytes <= 65536);
    }

    [Fact]
    public void Unusable_inspector_limits_stop_the_start_with_an_error_naming_the_keys()
    {
        var error = Assert.ThrowsAny<Exception>(() => new ProductionPlayground(new Dictionary<string, string?>
        {
            ["Webhooks:Inspector:MaxBins"] = "5",
            ["Webhooks:Inspector:MaxBinsPerCreator"] = "50",
        }));
        Assert.Contains("MaxBinsPerCreator", error.ToString(), StringComparison.Ordinal);
    }

    // A client whose connections come from the given loopback address (all of 127.0.0.0/8 is loopback on Linux):
    // two source addresses are two creators as the server sees them, as two machines on the internet would be.
    private static HttpClient ClientFrom(ProductionPlayground server, string source)
    {
        var from = IPAddress.Parse(source);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = server.BaseAddress };
    }
}
