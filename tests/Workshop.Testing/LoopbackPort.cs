using System.Net;
using System.Net.Sockets;

namespace Workshop.Testing;

/// <summary>
/// A free TCP port on 127.0.0.1, for a server that cannot bind port 0 and report it (nginx, redis-server take a
/// port in their configuration). The OS may hand it out again before the server binds it: rare, and the server's
/// start then fails loudly, never silently.
/// </summary>
public static class LoopbackPort
{
    /// <summary>Asks the OS for a free loopback port and releases it at once.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
