using System.Collections.Concurrent;
using System.Net.WebSockets;

/// <summary>
/// Every open socket, so POST /admin/drop can cut them all at once: the "server-side drop" the page must survive
/// (a deploy, a crashed node, a load balancer timeout). Given complete: it is the lab's test tool.
/// </summary>
public sealed class LiveConnections
{
    private readonly ConcurrentDictionary<WebSocket, byte> _sockets = new();

    public void Add(WebSocket socket) => _sockets.TryAdd(socket, 0);

    public void Remove(WebSocket socket) => _sockets.TryRemove(socket, out _);

    public int DropAll()
    {
        var count = 0;
        foreach (var socket in _sockets.Keys)
        {
            socket.Abort();
            count++;
        }
        return count;
    }
}
