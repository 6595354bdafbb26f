using System.Net.Sockets;

namespace Workshop.Grading.Sandboxing;

/// <summary>Copies bytes both ways between two connected sockets until either side is done.</summary>
internal static class SocketPump
{
    /// <summary>Pumps until both directions end (a half-close is passed on), then closes both sockets.</summary>
    public static async Task BothWaysAsync(Socket a, Socket b, CancellationToken cancellationToken)
    {
        using (a)
        using (b)
        {
            await Task.WhenAll(OneWayAsync(a, b, cancellationToken), OneWayAsync(b, a, cancellationToken));
        }
    }

    private static async Task OneWayAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0) break;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
            }
            to.Shutdown(SocketShutdown.Send); // pass the half-close on: a WebSocket close or an HTTP/1.0 body end
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            from.Close();
            to.Close();
        }
    }
}
