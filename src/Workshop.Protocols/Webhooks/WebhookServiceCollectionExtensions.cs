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
    /// idempotency store, the <see cref="DestinationGuard"/> and the named client every outbound request shares
    /// (<see cref="GuardedHttpClient"/>), the <see cref="WebhookSender"/> and its dispatcher, and the
    /// retention service (deletes records older than <see cref="WebhookOptions.Retention"/>).
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="configuration">Holds the <c>Webhooks</c> section (and <c>Workshop:DataDirectory</c>).</param>
    /// <param name="dataDirectory">
    /// Where <c>webhooks.db</c> lives, when the host resolves its data directory itself (the playground does, once for
    /// every feature); null reads <c>Workshop:DataDirectory</c> as described above.
    /// </param>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration,
        Func<IServiceProvider, string>? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.SectionName))
            .Validate(o => o.Sender.MaxConcurrency >= 1, "Webhooks:Sender:MaxConcurrency must be at least 1.")
            .Validate(o => o.Sender.BatchSize >= 1, "Webhooks:Sender:BatchSize must be at least 1.")
            .Validate(o => o.Sender.AttemptTimeout > TimeSpan.Zero, "Webhooks:Sender:AttemptTimeout must be positive.")
            .Validate(
                o => o.Sender.LeaseDuration >= o.Sender.AttemptTimeout + WebhookSenderOptions.MinimumLeaseMargin,
                "Webhooks:Sender:LeaseDuration must be at least AttemptTimeout + 1 s, or a live attempt could lose its lease and be sent twice.")
            .Validate(o => o.Retention > TimeSpan.Zero, "Webhooks:Retention must be positive.")
            .Validate(o => o.RetentionInterval > TimeSpan.Zero, "Webhooks:RetentionInterval must be positive.")
            .Validate(
                o => o.MaxDatabaseBytes >= WebhookDatabase.MinimumMaxDatabaseBytes,
                "Webhooks:MaxDatabaseBytes must be at least 65536 (64 KiB).")
            .Validate(o => o.Sender.MaxRedeliveries >= 0, "Webhooks:Sender:MaxRedeliveries must not be negative.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var environment = sp.GetRequiredService<IHostEnvironment>();
            var directory = dataDirectory is null ? configuration["Workshop:DataDirectory"] : dataDirectory(sp);
            // The writer's loop ends with the application, or (without a host) when the container disposes the database.
            var stopping = sp.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? default;
            var maxBytes = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.MaxDatabaseBytes;
            return new WebhookDatabase(string.IsNullOrWhiteSpace(directory) ? Path.Combine(environment.ContentRootPath, ".data") : directory, maxBytes, stopping);
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
        services.AddGuardedHttpClient();
        services.TryAddSingleton(sp => new WebhookSender(
            sp.GetRequiredService<OutboxStore>(),
            sp.GetRequiredService<OutboxReader>(),
            sp.GetRequiredService<DestinationGuard>(),
            sp.GetRequiredService<DispatchSignal>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Sender.MaxRedeliveries));
        services.AddHostedService<WebhookDispatcher>();
        services.TryAddSingleton<RetentionStore>();
        services.TryAddSingleton<WebhookRetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookRetentionService>());
        return services;
    }
}
