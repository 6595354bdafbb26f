using System.Net;
using Workshop.Protocols.Webhooks;

namespace Workshop.Protocols.Tests.Webhooks;

public class DestinationGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fc00::5")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    public void Guard_refuses_private_loopback_link_local_and_metadata_addresses(string address)
        => Assert.False(new DestinationGuard(allowLoopback: false).IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Guard_allows_public_addresses(string address)
        => Assert.True(new DestinationGuard(allowLoopback: false).IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Loopback_is_allowed_only_when_configured(string address)
    {
        Assert.True(new DestinationGuard(allowLoopback: true).IsAllowed(IPAddress.Parse(address)));
        Assert.False(new DestinationGuard(allowLoopback: true).IsAllowed(IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void An_allow_listed_network_bypasses_the_block_list()
    {
        var guard = new DestinationGuard(allowLoopback: false, ["10.1.0.0/16"]);
        Assert.True(guard.IsAllowed(IPAddress.Parse("10.1.2.3")));
        Assert.False(guard.IsAllowed(IPAddress.Parse("10.2.0.1")));
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::ffff:a9fe:a9fe]/")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("ftp://example.com/")]
    [InlineData("file:///etc/passwd")]
    public async Task Url_check_refuses_internal_hosts_and_other_schemes(string url)
        => Assert.NotNull(await new DestinationGuard(allowLoopback: false).CheckUrlAsync(new Uri(url), CancellationToken.None));

    [Theory]
    [InlineData("::a9fe:a9fe")] // IPv4-compatible 169.254.169.254
    [InlineData("::10.0.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("2002:a9fe:a9fe::1")] // 6to4 behind 169.254.169.254
    [InlineData("2002:7f00:1::")] // 6to4 behind 127.0.0.1
    [InlineData("2002:c0a8:0101:5::1")] // 6to4 behind 192.168.1.1
    [InlineData("64:ff9b:1::808:808")] // local-use NAT64: refused whatever it embeds
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo
    [InlineData("2001::1")]
    [InlineData("192.88.99.1")] // 6to4 relay anycast
    [InlineData("168.63.129.16")] // Azure wire server
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("64:ff9b::10.0.0.1")]
    public void Guard_refuses_the_ipv6_forms_that_embed_an_internal_address_and_the_extra_reserved_ranges(string address)
        => Assert.False(new DestinationGuard(allowLoopback: false).IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::808:808")] // IPv4-compatible 8.8.8.8
    [InlineData("2002:808:808::1")] // 6to4 behind 8.8.8.8
    [InlineData("168.63.129.17")]
    [InlineData("100.128.0.1")]
    [InlineData("2001:4860:4860::8888")] // outside Teredo's 2001::/32
    public void Guard_judges_embedded_ipv4_addresses_by_the_address_inside_and_allows_public_ones(string address)
        => Assert.True(new DestinationGuard(allowLoopback: false).IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://[::a9fe:a9fe]/")]
    [InlineData("http://[2002:a9fe:a9fe::1]/latest/meta-data/")]
    [InlineData("http://[64:ff9b:1::a9fe:a9fe]/")]
    [InlineData("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/")]
    [InlineData("http://192.88.99.1/")]
    [InlineData("http://168.63.129.16/machine?comp=goalstate")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://[::ffff:a9fe:a9fe]:8080/")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/")]
    public async Task Url_check_refuses_the_embedded_and_reserved_forms(string url)
        => Assert.NotNull(await new DestinationGuard(allowLoopback: false).CheckUrlAsync(new Uri(url), CancellationToken.None));

    [Fact]
    public async Task Url_check_refuses_a_name_that_resolves_to_loopback_and_says_so()
    {
        var refusal = await new DestinationGuard(allowLoopback: false).CheckUrlAsync(new Uri("http://localhost:8080/hook"), CancellationToken.None);
        Assert.NotNull(refusal);
        Assert.Contains("resolves to", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_check_allows_a_loopback_url_when_loopback_is_allow_listed()
        => Assert.Null(await new DestinationGuard(allowLoopback: true).CheckUrlAsync(new Uri("http://127.0.0.1:8080/hook"), CancellationToken.None));
}
