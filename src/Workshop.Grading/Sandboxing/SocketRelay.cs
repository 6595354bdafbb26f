using System.Net;
using System.Net.Sockets;

namespace Workshop.Grading.Sandboxing;

/// <summary>
/// Accepts every connection on a listening socket and pumps it, byte for byte, to a new connection to one target
/// (a TCP port or a Unix socket), until disposed. When the target refuses, the accepted connection is closed: its
/// client sees a reset, as it would if it had dialled the target itself.
/// </summary>
internal sealed class SocketRelay : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly EndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    /// <summary>Starts relaying what <paramref name="listener"/> (already listening) accepts to <paramref name="target"/>.</summary>
    public SocketRelay(Socket listener, EndPoint target)
    {
        _listener = listener;
        _target = target;
        _accepting = AcceptAsync();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ForwardAsync(accepted);
        }
    }

    private async Task ForwardAsync(Socket accepted)
    {
        var protocol = _target is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp;
        var target = new Socket(_target.AddressFamily, SocketType.Stream, protocol);
        try
        {
            await target.ConnectAsync(_target, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            target.Dispose();
            accepted.Dispose();
            return;
        }
        await SocketPump.BothWaysAsync(accepted, target, _stop.Token);
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
