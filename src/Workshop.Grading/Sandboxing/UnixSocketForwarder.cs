using System.Net;
using System.Net.Sockets;

namespace Workshop.Grading.Sandboxing;

/// <summary>
/// The grader's way into a sandbox that has no network: the lab app listens on a Unix socket in a folder bound
/// into the sandbox, and this forwards a TCP port on the grader's loopback to it, byte for byte (HTTP, WebSocket,
/// SSE and the browser all work unchanged). Nothing flows the other way: the sandbox cannot reach the grader's ports.
/// While the lab is down or restarting, a check sees a reset, as it would without the sandbox.
/// </summary>
public sealed class UnixSocketForwarder : IAsyncDisposable
{
    private readonly SocketRelay _relay;

    /// <summary>Starts listening on a free port of 127.0.0.1 and forwarding each connection to <paramref name="socketPath"/>.</summary>
    public UnixSocketForwarder(string socketPath)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}/");
        _relay = new SocketRelay(listener, new UnixDomainSocketEndPoint(socketPath));
    }

    /// <summary>Where the checks reach the lab, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _relay.DisposeAsync();
}
