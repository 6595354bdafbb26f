using System.Net;
using System.Net.Sockets;

namespace Workshop.Protocols.Webhooks;

/// <summary>
/// Refuses destinations in private, loopback, link-local (cloud metadata, Azure's wire server), CGNAT, multicast and
/// reserved ranges, IPv4 and IPv6, unless allow-listed. IPv6 forms that carry an IPv4 address are judged by the IPv4
/// address inside: IPv4-mapped (<c>::ffff:a.b.c.d</c>), IPv4-compatible (<c>::a.b.c.d</c>), NAT64
/// (<c>64:ff9b::/96</c>) and 6to4 (<c>2002::/16</c>); local NAT64 (<c>64:ff9b:1::/48</c>) and Teredo
/// (<c>2001::/32</c>), whose embedded address cannot be trusted, are refused outright.
/// The sender checks each address it actually connects to, so a DNS answer that changes between check and
/// connect (rebinding) cannot slip through.
/// </summary>
public sealed class DestinationGuard
{
    private static readonly IPNetwork[] Blocked =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("168.63.129.16/32"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.88.99.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("64:ff9b:1::/48"),
        IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("2001::/32"),
        IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork IPv4Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private readonly IPNetwork[] _allowed;

    /// <summary>Creates a guard; <paramref name="allowedNetworks"/> are CIDR strings that bypass the block list.</summary>
    public DestinationGuard(bool allowLoopback, IEnumerable<string>? allowedNetworks = null)
    {
        var allowed = (allowedNetworks ?? []).Select(IPNetwork.Parse).ToList();
        if (allowLoopback) allowed.AddRange(Loopback);
        _allowed = [.. allowed];
    }

    /// <summary>Creates a guard from the sender options.</summary>
    public DestinationGuard(WebhookSenderOptions options)
        : this(options?.AllowLoopback ?? false, options?.AllowedNetworks)
    {
    }

    /// <summary>True when a connection to <paramref name="address"/> is allowed.</summary>
    public bool IsAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var judged = Normalize(address);
        if (_allowed.Any(n => n.Contains(judged))) return true;
        return !Blocked.Any(n => n.Contains(judged));
    }

    /// <summary>
    /// Checks a URL before it is accepted: http(s) only, and every address its host resolves to must be allowed.
    /// Returns null when allowed, or the reason it is refused.
    /// </summary>
    public async Task<string?> CheckUrlAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return "Only absolute http and https URLs are allowed.";
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"The host '{url.Host}' does not resolve.";
        }
        if (addresses.Length == 0) return $"The host '{url.Host}' does not resolve.";
        var refused = addresses.FirstOrDefault(a => !IsAllowed(a));
        return refused is null ? null : $"The host '{url.Host}' resolves to {refused}, which is in a private, loopback, link-local or reserved range.";
    }

    private static IPAddress Normalize(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address;
        // :: and ::1 stay themselves (blocked as unspecified and loopback); the rest of ::/96 carries an IPv4 address.
        if (Nat64.Contains(address) || (IPv4Compatible.Contains(address) && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback)))
            return new IPAddress(address.GetAddressBytes().AsSpan(12, 4));
        // 6to4: 2002:AABB:CCDD::/48 is the site behind the IPv4 address AA.BB.CC.DD.
        if (SixToFour.Contains(address)) return new IPAddress(address.GetAddressBytes().AsSpan(2, 4));
        return address;
    }
}
