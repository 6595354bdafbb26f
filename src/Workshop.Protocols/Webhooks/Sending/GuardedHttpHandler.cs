using System.Net;
using System.Net.Sockets;

namespace Workshop.Protocols.Webhooks;

/// <summary>Builds the sender's HTTP handler: no redirects, no proxy, and the guard applied to the socket address itself.</summary>
internal static class GuardedHttpHandler
{
    public static SocketsHttpHandler Create(DestinationGuard guard) => new()
    {
        // A 3xx is a failed delivery, never followed: a redirect could point anywhere, including inside.
        AllowAutoRedirect = false,
        // A proxy would connect on our behalf and the guard would only see the proxy's address.
        UseProxy = false,
        // One handler serves every caller (webhook deliveries, anonymous redeliveries): a cookie one target sets must
        // never ride along to another's request.
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = addresses.Where(guard.IsAllowed).ToArray();
            if (allowed.Length == 0)
                throw new DestinationRefusedException($"Every address of '{host}' is in a refused range.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
