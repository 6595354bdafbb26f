using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Protocols.WebSockets;

namespace Workshop.Protocols.Scaling;

/// <summary>Registers the backplane an area's configuration asks for (called by the areas' own <c>Add…</c> methods).</summary>
internal static class BackplaneRegistration
{
    public static void AddHubBackplane(IServiceCollection services, IConfiguration configuration)
    {
        AddCommon(services, configuration, BackplaneSelection.UsesRedis(configuration, "WebSockets"));
        if (BackplaneSelection.UsesRedis(configuration, "WebSockets"))
            services.TryAddSingleton<IHubBackplane, RedisHubBackplane>();
        else
            services.TryAddSingleton<IHubBackplane>(InMemoryHubBackplane.Instance);
    }

    public static void AddSseBackplane(IServiceCollection services, IConfiguration configuration)
    {
        AddCommon(services, configuration, BackplaneSelection.UsesRedis(configuration, ServerSentEventsOptions.SectionName));
        if (BackplaneSelection.UsesRedis(configuration, ServerSentEventsOptions.SectionName))
            services.TryAddSingleton<ISseBackplane, RedisSseBackplane>();
        else
            services.TryAddSingleton<ISseBackplane>(InMemorySseBackplane.Instance);
    }

    private static void AddCommon(IServiceCollection services, IConfiguration configuration, bool redis)
    {
        services.TryAddSingleton<BackplaneHealth>();
        if (!redis || services.Any(d => d.ServiceType == typeof(RedisBackplaneConnection))) return;
        services.AddOptions<RedisBackplaneOptions>().Bind(configuration.GetSection(RedisBackplaneOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RedisBackplaneConnection>();
    }
}
