using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Workshop.Protocols.Redis;
using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Playground.Features.Inspector;

/// <summary>The webhook inspector: bins at <c>/hooks/{bin}</c> that capture any request, and the <c>/api/bins</c> API.</summary>
public static class InspectorFeature
{
    /// <summary>Registers the inspector (needs the playground's webhook services, which register the destination guard and the webhook options).</summary>
    public static IServiceCollection AddInspector(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InspectorOptions>()
            .Bind(configuration.GetSection(InspectorOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InspectorOptions>, InspectorOptionsValidator>());
        services.AddServerSentEvents(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<InspectorStore>();
        services.AddSingleton<CaptureVerifier>();
        services.AddSingleton<Redeliverer>();
        // Bins in Redis exactly when the SSE topics are (a bin's live view needs its topic shared too); resolved at
        // first use, so the order of AddInspector and AddRedisBackplane does not matter.
        services.AddSingleton(sp => new BinRegistry(
            sp.GetRequiredService<InspectorStore>(),
            sp.GetService<ISseBackplane>() is RedisSseBackplane && sp.GetService<RedisBackplaneConnection>() is { } redis
                ? ActivatorUtilities.CreateInstance<RedisBinStore>(sp, redis) : null,
            sp.GetRequiredService<CaptureVerifier>(), sp.GetRequiredService<ISseTopics>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<InspectorStore>>()));
        return services;
    }

    /// <summary>Maps <c>/hooks/{bin}/**</c> and <c>/api/bins/**</c>.</summary>
    public static IEndpointRouteBuilder MapInspector(this IEndpointRouteBuilder app)
    {
        app.MapCapture();
        app.MapBinsApi();
        return app;
    }
}
