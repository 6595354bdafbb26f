using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workshop.Protocols.Redis;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Protocols.WebSockets;

namespace Workshop.Redis.Tests;

/// <summary>Which backplane the configuration selects; no Redis needed.</summary>
public sealed class BackplaneSelectionTests
{
    [Fact]
    public async Task Without_Redis_configuration_both_areas_stay_in_memory_and_health_says_ok()
    {
        await using var services = Build([]);
        Assert.IsType<InMemoryHubBackplane>(services.GetRequiredService<IHubBackplane>());
        Assert.IsType<InMemorySseBackplane>(services.GetRequiredService<ISseBackplane>());
        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(new BackplaneHealthReport("ok", "memory", null), BackplaneHealthReport.From(report));
    }

    [Fact]
    public void Redis_registered_before_the_areas_still_wins_over_their_in_memory_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Redis:Configuration"] = "127.0.0.1:1" }).Build();
        var services = new ServiceCollection();
        services.AddRedisBackplane(configuration);
        services.AddRealtimeWebSockets(configuration);
        services.AddServerSentEvents(configuration);
        Assert.Equal(typeof(RedisHubBackplane), services.Single(d => d.ServiceType == typeof(IHubBackplane)).ImplementationType);
        Assert.Equal(typeof(RedisSseBackplane), services.Single(d => d.ServiceType == typeof(ISseBackplane)).ImplementationType);
    }

    [Fact]
    public void The_core_library_does_not_reference_StackExchange_Redis()
    {
        var references = typeof(ISseTopics).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.Contains("Microsoft.Data.Sqlite", references); // the list is real: a package the core does use
        Assert.DoesNotContain("StackExchange.Redis", references);
        Assert.Contains("StackExchange.Redis", typeof(RedisHubBackplane).Assembly.GetReferencedAssemblies().Select(a => a.Name));
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
        services.AddRedisBackplane(configuration);
        services.AddHealthChecks();
        return services;
    }
}
