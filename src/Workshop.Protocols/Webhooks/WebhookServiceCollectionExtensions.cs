using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Workshop.Protocols.Webhooks;

/// <summary>Registers the webhook receiver and sender services.</summary>
public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="WebhookOptions"/> from the <c>Webhooks</c> section and registers the SQLite database
    /// (<c>webhooks.db</c> under <c>Workshop:DataDirectory</c>, default <c>&lt;ContentRoot&gt;/.data</c>), the
    /// idempotency store, the <see cref="DestinationGuard"/>, the <see cref="WebhookSender"/> and its dispatcher.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.SectionName))
            .Validate(o => o.Sender.MaxConcurrency >= 1 && o.Sender.BatchSize >= 1, "Webhooks:Sender:MaxConcurrency and BatchSize must be at least 1.")
            .Validate(o => o.Sender.AttemptTimeout > TimeSpan.Zero, "Webhooks:Sender:AttemptTimeout must be positive.")
            .Validate(
                o => o.Sender.LeaseDuration >= o.Sender.AttemptTimeout + WebhookSenderOptions.MinimumLeaseMargin,
                "Webhooks:Sender:LeaseDuration must be at least AttemptTimeout + 1 s, or a live attempt could lose its lease and be sent twice.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var environment = sp.GetRequiredService<IHostEnvironment>();
            var directory = configuration["Workshop:DataDirectory"];
            // The writer's loop ends with the application, or (without a host) when the container disposes the database.
            var stopping = sp.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? default;
            return new WebhookDatabase(string.IsNullOrWhiteSpace(directory) ? Path.Combine(environment.ContentRootPath, ".data") : directory, stopping);
        });
        services.TryAddSingleton<IIdempotencyStore>(sp =>
        {
            var receiver = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Receiver;
            var time = sp.GetRequiredService<TimeProvider>();
            return string.Equals(receiver.IdempotencyStore, "InMemory", StringComparison.OrdinalIgnoreCase)
                ? new InMemoryIdempotencyStore(time, receiver.ClaimLease)
                : new SqliteIdempotencyStore(sp.GetRequiredService<WebhookDatabase>(), time, receiver.ClaimLease);
        });
        services.TryAddSingleton(sp => new DestinationGuard(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Sender));
        services.TryAddSingleton<OutboxStore>();
        services.TryAddSingleton<OutboxReader>();
        services.TryAddSingleton<DispatchSignal>();
        services.TryAddSingleton<WebhookHttpClient>();
        services.TryAddSingleton(sp => new WebhookSender(
            sp.GetRequiredService<OutboxStore>(),
            sp.GetRequiredService<OutboxReader>(),
            sp.GetRequiredService<DestinationGuard>(),
            sp.GetRequiredService<DispatchSignal>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
