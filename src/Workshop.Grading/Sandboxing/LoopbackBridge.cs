using System.Net;
using System.Net.Sockets;

namespace Workshop.Grading.Sandboxing;

/// <summary>
/// One port of the grader's loopback made reachable from inside a sandbox, at the same address
/// (<c>127.0.0.1:port</c>): for a check that runs a receiver the lab must call (lab 07's webhook sink). Only that port
/// is bridged, only while the check needs it; nothing else of the grader's network is visible inside.
/// </summary>
internal sealed class LoopbackBridge : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    /// <summary>Listens on <paramref name="port"/> inside the network namespace of <paramref name="sandboxPid"/>.</summary>
    public LoopbackBridge(int sandboxPid, int port)
    {
        _port = port;
        _listener = NetworkNamespace.ListenInside(sandboxPid, port);
        _accepting = AcceptAsync();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket inside;
            try
            {
                inside = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ForwardAsync(inside);
        }
    }

    private async Task ForwardAsync(Socket inside)
    {
        var grader = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await grader.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _port), _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            grader.Dispose();
            inside.Dispose(); // the receiver is gone: the lab sees a reset, as it would without the sandbox
            return;
        }
        await SocketPump.BothWaysAsync(inside, grader, _stop.Token);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        _stop.Dispose();
    }
}
