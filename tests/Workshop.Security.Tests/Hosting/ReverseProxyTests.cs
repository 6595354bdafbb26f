using System.Net.Security;
using System.Net.WebSockets;
using System.Text;
using Workshop.Security.Tests.Support;
using Workshop.Testing;

namespace Workshop.Security.Tests.Hosting;

/// <summary>
/// Item 8 and the hosting guide: the nginx configuration docs/security.md gives deployers, in front of a
/// production playground, serves pages with the security headers, WebSockets from the site's own https origin
/// (and not from another), and unbuffered event streams.
/// </summary>
public sealed class ReverseProxyTests
{
    [Fact]
    public async Task The_documented_nginx_front_serves_pages_websockets_and_streams_over_tls()
    {
        var binary = NginxFront.Binary;
        if (binary is null)
        {
            // Never a silent skip: ./test.sh installs nginx (scripts/ensure-nginx.sh); without it this fails.
            Assert.Fail("nginx is not installed: run scripts/ensure-nginx.sh (./test.sh does).");
            return;
        }
        await using var server = new ProductionPlayground(new Dictionary<string, string?> { ["Security:KnownProxies:0"] = "127.0.0.1" });
        var config = NginxFront.DocumentedConfig(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "security.md")));
        await using var nginx = await NginxFront.StartAsync(config, server.BaseAddress, binary);
        var site = $"127.0.0.1:{nginx.Port}";
        using var http = new HttpClient(new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true } })
        {
            BaseAddress = new Uri($"https://{site}/"),
        };

        using (var page = await http.GetAsync("/play/"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("frame-ancestors 'none'", string.Join(";", page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }
        Assert.Equal("Welcome!", await WelcomeAsync(site, $"https://{site}"));
        var foreign = await Assert.ThrowsAsync<WebSocketException>(() => WelcomeAsync(site, "https://attacker.example"));
        Assert.Contains("403", foreign.Message, StringComparison.Ordinal);

        using var stream = await http.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(), Encoding.UTF8);
        var hello = await Eventually.WithinAsync(ReadUntilDataAsync(reader), "the stream's first event arrives through the proxy");
        Assert.Equal("data: Hello from server", hello);
    }

    private static async Task<string?> ReadUntilDataAsync(StreamReader reader)
    {
        for (var line = await reader.ReadLineAsync(); line is not null; line = await reader.ReadLineAsync())
            if (line.StartsWith("data:", StringComparison.Ordinal)) return line;
        return null;
    }

    private static async Task<string> WelcomeAsync(string site, string origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        socket.Options.SetRequestHeader("Origin", origin);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await socket.ConnectAsync(new Uri($"wss://{site}/ws/echo"), timeout.Token);
        var buffer = new byte[64];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }
}
