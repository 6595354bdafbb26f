using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;
using Workshop.Testing;

namespace Workshop.Redis.Tests;

/// <summary>
/// A redis-server of the test's own on a free loopback port, so the test can kill and restart it without disturbing
/// the shared server other tests use. No persistence, unless started with a folder of its own: then what the test
/// saved (<c>SAVE</c>) before a kill is back after the restart, as after a blip of a persistent Redis.
/// </summary>
internal sealed class RedisChildServer : IAsyncDisposable
{
    private Process? _process;

    private readonly string? _folder;

    private RedisChildServer(int port, string? folder)
    {
        Port = port;
        _folder = folder;
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public static async Task<RedisChildServer> StartAsync(bool persistent = false)
    {
        var server = new RedisChildServer(FreePort(), persistent ? Directory.CreateTempSubdirectory("workshop-redis-").FullName : null);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts redis-server on the same port (again) and waits until it answers PING.</summary>
    public async Task RestartAsync()
    {
        var info = new ProcessStartInfo("redis-server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no" })
            info.ArgumentList.Add(arg);
        if (_folder is not null)
            foreach (var arg in new[] { "--dir", _folder, "--dbfilename", "dump.rdb" }) info.ArgumentList.Add(arg);
        try
        {
            _process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"redis-server is not installed ({e.Message}); run scripts/ensure-redis.sh.");
        }
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await using var c = await ConnectionMultiplexer.ConnectAsync($"{Address},connectTimeout=500");
                return c.IsConnected;
            }
            catch (RedisConnectionException)
            {
                return false;
            }
        }, $"redis-server answers on {Address}");
    }

    /// <summary>SIGKILL, as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        if (_folder is not null) Directory.Delete(_folder, recursive: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
