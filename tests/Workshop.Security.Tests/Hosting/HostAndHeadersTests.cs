using System.Net.Sockets;
using System.Text;

namespace Workshop.Security.Tests.Hosting;

/// <summary>Items 8 and 10: foreign Host headers, start-up checks, and the headers on every page and API.</summary>
public sealed class HostAndHeadersTests : IClassFixture<ProductionPlaygroundFixture>
{
    private readonly ProductionPlayground _server;

    public HostAndHeadersTests(ProductionPlaygroundFixture fixture) => _server = fixture.Server;

    [Theory]
    [InlineData("/")]
    [InlineData("/play/")]
    [InlineData("/play/chat.html")]
    [InlineData("/health")]
    [InlineData("/api/bins/nosuchbin")]
    public async Task Every_page_and_api_answer_carries_the_security_headers(string path)
    {
        using var http = _server.Client();
        using var response = await http.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task A_foreign_host_header_is_answered_400()
    {
        var answer = await RawGetAsync(_server.BaseAddress, "/health", "attacker.example");
        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_host_header_is_served()
    {
        var answer = await RawGetAsync(_server.BaseAddress, "/health", "localhost");
        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_outside_development_without_allowed_hosts_stops_naming_the_key()
    {
        var error = Assert.ThrowsAny<Exception>(() => new ProductionPlayground(new Dictionary<string, string?> { ["AllowedHosts"] = "*" }));
        Assert.Contains("AllowedHosts", Webhooks.SigningOracleTests.Flatten(error), StringComparison.Ordinal);
    }

    internal static async Task<string> RawGetAsync(Uri server, string path, string host)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }
}
