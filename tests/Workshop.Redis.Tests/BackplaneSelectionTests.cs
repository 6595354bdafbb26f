using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workshop.Protocols.Scaling;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Protocols.WebSockets;

namespace Workshop.Redis.Tests;

/// <summary>Which backplane the configuration selects; no Redis needed.</summary>
public sealed class BackplaneSelectionTests
{
    [Fact]
    public void Without_Redis_configuration_both_areas_stay_in_memory_and_health_says_ok()
    {
        using var services = Build([]);
        Assert.IsType<InMemoryHubBackplane>(services.GetRequiredService<IHubBackplane>());
        Assert.IsType<InMemorySseBackplane>(services.GetRequiredService<ISseBackplane>());
        Assert.Equal(new BackplaneHealthReport("ok", "memory", null), services.GetRequiredService<BackplaneHealth>().Report());
    }

    [Fact]
    public void An_area_can_stay_in_memory_while_Redis_is_configured_for_the_other()
    {
        var services = Register(new() { ["Redis:Configuration"] = "127.0.0.1:1", ["ServerSentEvents:Backplane"] = "memory" });
        // Checked on the registrations: resolving the Redis one would start connecting.
        Assert.Equal(typeof(RedisHubBackplane), services.Single(d => d.ServiceType == typeof(IHubBackplane)).ImplementationType);
        Assert.Same(InMemorySseBackplane.Instance, services.Single(d => d.ServiceType == typeof(ISseBackplane)).ImplementationInstance);
    }

    [Fact]
    public void An_unknown_backplane_name_is_refused_with_the_key_in_the_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["WebSockets:Backplane"] = "kafka" }));
        Assert.Contains("WebSockets:Backplane must be 'memory' or 'redis'", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) => Register(settings).BuildServiceProvider();

    private static ServiceCollection Register(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRealtimeWebSockets(configuration);
        services.AddServerSentEvents(configuration);
        return services;
    }
}
