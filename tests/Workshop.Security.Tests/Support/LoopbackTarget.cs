using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

using Workshop.Security.Tests.Support;

namespace Workshop.Security.Tests.Support;

/// <summary>
/// A tiny HTTP/1.1 target on 127.0.0.1 with a random port that records what reaches it: each connection, and the
/// method, target and header lines of each request, then answers 200 (or, with <c>closeAtOnce</c>, closes every
/// connection without a byte: an open port that gives no HTTP answer). A raw socket server, so no second ASP.NET
/// Core host is built while <see cref="ProductionPlayground"/> instances start (the test host finds its app through
/// a process-wide listener that another host could confuse).
/// </summary>
internal sealed class LoopbackTarget : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly bool _closeAtOnce;
    private int _connections;

    public LoopbackTarget(bool closeAtOnce = false)
    {
        _closeAtOnce = closeAtOnce;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Url(string path = "/hook") => new($"http://127.0.0.1:{Port}{path}");

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Each request's request line and header lines, as received.</summary>
    public ConcurrentQueue<string[]> Requests { get; } = new();

    /// <summary>Each complete request, parsed: method, target, headers and body.</summary>
    public ConcurrentQueue<SinkRequest> Received { get; } = new();

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                _ = ServeAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        catch (SocketException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            if (_closeAtOnce) return;
            try
            {
                var stream = client.GetStream();
                var buffer = new List<byte>();
                var chunk = new byte[4096];
                int end;
                while ((end = IndexOfHeadersEnd(buffer)) < 0)
                {
                    var read = await stream.ReadAsync(chunk, _stop.Token);
                    if (read == 0) return;
                    buffer.AddRange(chunk.AsSpan(0, read));
                }
                var lines = Encoding.Latin1.GetString([.. buffer.Take(end)]).Split("\r\n");
                Requests.Enqueue(lines);
                var length = lines.Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                var body = new List<byte>(buffer.Skip(end + 4));
                while (body.Count < length)
                {
                    var read = await stream.ReadAsync(chunk, _stop.Token);
                    if (read == 0) return;
                    body.AddRange(chunk.AsSpan(0, read));
                }
                Received.Enqueue(SinkRequest.Parse(lines, [.. body]));
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
            }
            catch (IOException)
            {
                // The sender went away.
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }
    }

    private static int IndexOfHeadersEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') return i;
        }
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
