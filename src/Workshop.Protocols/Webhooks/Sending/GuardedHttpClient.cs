using Microsoft.Extensions.DependencyInjection;

namespace Workshop.Protocols.Webhooks;

/// <summary>
/// The one outbound <see cref="HttpClient"/> for requests whose destination a caller chose (webhook deliveries,
/// the inspector's redelivery): a named client of <see cref="IHttpClientFactory"/> over a handler that checks every
/// socket address against the <see cref="DestinationGuard"/> at connect time, follows no redirect and uses no proxy.
/// The client has no overall timeout: each caller bounds its own request with a token (an attempt's deadline).
/// </summary>
public static class GuardedHttpClient
{
    /// <summary>The name to pass to <see cref="IHttpClientFactory.CreateClient(string)"/>.</summary>
    public const string Name = "Workshop.Guarded";

    /// <summary>A client over the guarded handler, from <paramref name="factory"/> (cheap: call it per request).</summary>
    /// <param name="factory">The application's client factory, where <c>AddWebhooks</c> registered the named client.</param>
    public static HttpClient Create(IHttpClientFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.CreateClient(Name);
    }

    /// <summary>Registers the named client (idempotent: a second call configures the same client again).</summary>
    internal static IServiceCollection AddGuardedHttpClient(this IServiceCollection services)
    {
        services.AddHttpClient(Name)
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedHttpHandler.Create(sp.GetRequiredService<DestinationGuard>()))
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            // The factory's default request logs would repeat what the sender logs, with the caller's URL in them.
            .RemoveAllLoggers();
        return services;
    }
}
