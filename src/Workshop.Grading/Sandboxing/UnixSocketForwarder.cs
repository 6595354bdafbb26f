using System.Net;
using System.Net.Sockets;

namespace Workshop.Grading.Sandboxing;

/// <summary>
/// The grader's way into a sandbox that has no network: the lab app listens on a Unix socket in a folder bound
/// into the sandbox, and this forwards a TCP port on the grader's loopback to it, byte for byte (HTTP, WebSocket,
/// SSE and the browser all work unchanged). Nothing flows the other way: the sandbox cannot reach the grader's ports.
/// </summary>
public sealed class UnixSocketForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _socketPath;
    private readonly Task _accepting;

    /// <summary>Starts listening on a free port of 127.0.0.1 and forwarding each connection to <paramref name="socketPath"/>.</summary>
    public UnixSocketForwarder(string socketPath)
    {
        _socketPath = socketPath;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    /// <summary>Where the checks reach the lab, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        var app = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await app.ConnectAsync(new UnixDomainSocketEndPoint(_socketPath), _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // The lab is down or restarting: the check sees a reset, as it would without us.
            app.Dispose();
            client.Dispose();
            return;
        }
        await SocketPump.BothWaysAsync(client, app, _stop.Token);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
