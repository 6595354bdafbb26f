using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Workshop.Testing;

namespace Workshop.Redis.Tests;

/// <summary>
/// A real nginx running the load-balancer block of docs/scale-out.md (round robin, no sticky sessions) in front of
/// the given instances, on a free loopback port. It logs which upstream served each request, so a test can prove
/// that requests crossed instances. Stopped (with its workers) when disposed.
/// </summary>
internal sealed partial class NginxBalancer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NginxBalancer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public static async Task<NginxBalancer> StartAsync(params Uri[] upstreams)
    {
        var binary = new[] { "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);
        if (binary is null) Assert.Fail("nginx is not installed: run scripts/ensure-nginx.sh (the load-balancer test must not be skipped).");
        var documented = NginxBlock().Match(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "scale-out.md")));
        Assert.True(documented.Success, "docs/scale-out.md has no ```nginx block");
        var port = FreePort();
        var servers = string.Join(' ', upstreams.Select(u => $"server {u.Authority};"));
        var server = documented.Groups["config"].Value
            .Replace("server 127.0.0.1:5001; server 127.0.0.1:5002;", servers, StringComparison.Ordinal)
            .Replace("listen 8080;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
        Assert.Contains(servers, server, StringComparison.Ordinal); // the documented block still has the shape replaced here
        var directory = Directory.CreateTempSubdirectory("nginx-balancer-").FullName;
        var temp = Path.Combine(directory, "temp");
        Directory.CreateDirectory(temp);
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 256; }
            http {
                log_format upstream '$request_method $uri $upstream_addr';
                access_log {{directory}}/access.log upstream;
                client_body_temp_path {{temp}}; proxy_temp_path {{temp}}; fastcgi_temp_path {{temp}}; uwsgi_temp_path {{temp}}; scgi_temp_path {{temp}};
            {{server}}
            }
            """);
        var info = new ProcessStartInfo(binary!) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-e", Path.Combine(directory, "error.log") }) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        var balancer = new NginxBalancer(process, directory, port);
        await Eventually.HoldsAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException("nginx exited: " + await File.ReadAllTextAsync(Path.Combine(directory, "error.log")));
            using var probe = new TcpClient();
            try { await probe.ConnectAsync(IPAddress.Loopback, port); return true; } catch (SocketException) { return false; }
        }, "nginx listens");
        return balancer;
    }

    /// <summary>The upstream (host:port) that served each request whose method and path match, in order (a WebSocket is logged when it closes).</summary>
    public async Task<IReadOnlyList<string>> UpstreamsOfAsync(string method, string pathStart)
    {
        var log = Path.Combine(_directory, "access.log");
        if (!File.Exists(log)) return [];
        return [.. (await File.ReadAllLinesAsync(log)).Select(l => l.Split(' '))
            .Where(f => f.Length == 3 && f[0] == method && f[1].StartsWith(pathStart, StringComparison.Ordinal)).Select(f => f[2])];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("```nginx\\n(?<config>.*?)```", RegexOptions.Singleline)]
    private static partial Regex NginxBlock();
}
