using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workshop.Protocols.Webhooks;

namespace Workshop.Protocols.Tests.Webhooks;

public class WebhookOptionsTests
{
    [Fact]
    public void Sender_allow_list_and_loopback_come_from_the_webhooks_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:Sender:AllowLoopback"] = "true",
            ["Webhooks:Sender:AllowedNetworks:0"] = "10.1.0.0/16",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddWebhooks(configuration).BuildServiceProvider();
        var guard = provider.GetRequiredService<DestinationGuard>();
        Assert.True(guard.IsAllowed(IPAddress.Loopback));
        Assert.True(guard.IsAllowed(IPAddress.Parse("10.1.9.9")));
        Assert.False(guard.IsAllowed(IPAddress.Parse("10.2.0.1")));
    }

    [Fact]
    public void Loopback_is_refused_when_nothing_is_configured()
    {
        using var provider = new ServiceCollection().AddLogging().AddWebhooks(new ConfigurationBuilder().Build()).BuildServiceProvider();
        Assert.False(provider.GetRequiredService<DestinationGuard>().IsAllowed(IPAddress.Loopback));
    }

    [Fact]
    public void A_lease_that_does_not_cover_the_attempt_timeout_plus_a_margin_is_a_configuration_error()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:Sender:AttemptTimeout"] = "00:00:10",
            ["Webhooks:Sender:LeaseDuration"] = "00:00:10.500",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddWebhooks(configuration).BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WebhookOptions>>().Value);
        Assert.Contains("LeaseDuration", error.Message, StringComparison.Ordinal);
    }
}
