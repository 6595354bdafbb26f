using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
