using System.Net.Sockets;
using System.Text;

namespace Workshop.Playground.Tests;

/// <summary>
/// DNS rebinding: a page on attacker.example whose name now resolves to 127.0.0.1 must not be able to script a
/// learner's Development playground. Bound to loopback, it answers loopback host names only.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DevelopmentHostFilterTests(PlaygroundServer server) : IClassFixture<PlaygroundServer>
{
    [Theory]
    [InlineData("attacker.example")]
    [InlineData("attacker.example:80")]
    [InlineData("127.0.0.1.nip.io")]
    public async Task A_development_playground_on_loopback_refuses_a_foreign_host_header(string host)
    {
        var answer = await RawGetAsync("/api/webhooks/dev-secrets", host);

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("host-not-allowed", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("playground.localhost")]
    public async Task A_development_playground_on_loopback_answers_loopback_host_names(string host)
    {
        var answer = await RawGetAsync("/health", $"{host}:{server.BaseAddress.Port}");

        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fuzzy-train-5000.app.github.dev", true)]
    [InlineData("FUZZY-TRAIN-5000.APP.GITHUB.DEV", true)]
    [InlineData("other-codespace-5000.app.github.dev", false)]
    [InlineData("fuzzy-train-5000.attacker.example", false)]
    [InlineData("fuzzy-train-5000.evil.app.github.dev", false)]
    public void In_a_codespace_its_own_forwarded_name_is_a_development_host_and_no_other(string host, bool allowed)
    {
        var codespace = new Dictionary<string, string?>
        {
            ["CODESPACES"] = "true",
            ["CODESPACE_NAME"] = "fuzzy-train",
            ["GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN"] = "app.github.dev",
        };

        Assert.Equal(allowed, Workshop.Playground.Features.Security.LoopbackHostFilter.IsDevelopmentHost(host, k => codespace.GetValueOrDefault(k)));
        Assert.False(Workshop.Playground.Features.Security.LoopbackHostFilter.IsDevelopmentHost(host, _ => null));
    }

    private async Task<string> RawGetAsync(string path, string host)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }
}
