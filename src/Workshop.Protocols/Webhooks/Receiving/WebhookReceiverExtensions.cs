using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Workshop.Protocols.Webhooks;

/// <summary>Maps webhook receiver endpoints.</summary>
public static class WebhookReceiverExtensions
{
    /// <summary>
    /// Maps <c>POST {pattern}</c> as a webhook receiver: content type (415), size (413), signature (401),
    /// event id and JSON (400) are checked in that order, then the event id is claimed so that
    /// <paramref name="handler"/> runs at most once per event id (duplicates get 200 with <c>"duplicate": true</c>).
    /// For a verifier that signs no timestamp (<see cref="IWebhookVerifier.SignsTimestamp"/> false) a hash of the
    /// body is claimed as well, so the same signed body under a fresh id is a duplicate too (for the retention
    /// window). A full database answers 507 with reason <c>storage-full</c> and the handler does not run.
    /// Needs <see cref="WebhookServiceCollectionExtensions.AddWebhooks"/>.
    /// </summary>
    public static IEndpointConventionBuilder MapWebhookReceiver(
        this IEndpointRouteBuilder endpoints,
        string pattern,
        IWebhookVerifier verifier,
        Func<WebhookEvent, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var receiver = new WebhookReceiver(
            pattern,
            verifier,
            handler,
            services.GetRequiredService<IIdempotencyStore>(),
            services.GetRequiredService<IOptions<WebhookOptions>>().Value.Receiver,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<IHostApplicationLifetime>(),
            services.GetRequiredService<ILogger<WebhookReceiver>>());
        return endpoints.MapPost(pattern, receiver.HandleAsync);
    }
}
