using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Workshop.Protocols.Http;

/// <summary>
/// The key that per-client limits (rates, quotas, connection caps) count under: the caller's IPv4 address, or the
/// /64 prefix of an IPv6 address (one subscriber usually holds a whole /64, so a per-address key would let one
/// attacker rotate through 2^64 keys). Behind a reverse proxy the forwarded-headers middleware must run first, so
/// <see cref="ConnectionInfo.RemoteIpAddress"/> is the client's and not the proxy's.
/// </summary>
public static class ClientPartition
{
    /// <summary>The partition key of <paramref name="context"/>'s caller (<c>unknown</c> without an address, e.g. in-memory test servers).</summary>
    public static string KeyOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return KeyOf(context.Connection.RemoteIpAddress);
    }

    /// <summary>The partition key of <paramref name="address"/>.</summary>
    public static string KeyOf(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
