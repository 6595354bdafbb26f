using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Features.Webhooks;

/// <summary>The playground's webhook area: reference receivers, the received-events API, dev secrets and the sender API.</summary>
public static class WebhooksFeature
{
    /// <summary>Registers the webhook services and loads (and checks) the reference receivers' secrets.</summary>
    public static IServiceCollection AddPlaygroundWebhooks(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // One instance per data directory (webhooks.db, the site), refused now, before anything writes to it.
        services.AddPlaygroundDataDirectory(configuration, environment);
        services.AddWebhooks(configuration, sp => sp.GetRequiredService<PlaygroundDataDirectory>().Path);
        // Loaded now, not lazily, so a missing secret outside Development fails at start-up, naming its key.
        services.AddSingleton(ReferenceWebhookSecrets.Load(configuration, environment.IsDevelopment()));
        services.AddSingleton<ReferenceWebhookVerifiers>();
        services.AddSingleton<ReceivedWebhookLog>();
        services.AddOptions<SenderApiOptions>()
            .Bind(configuration.GetSection(SenderApiOptions.SectionName))
            .Validate(o => o.MaxBodyBytes >= 1024, $"{SenderApiOptions.SectionName}:MaxBodyBytes must be at least 1024.")
            .Validate(o => o.DeliveriesPerClient >= 1, $"{SenderApiOptions.SectionName}:DeliveriesPerClient must be at least 1.")
            .Validate(o => o.QuotaWindow > TimeSpan.Zero, $"{SenderApiOptions.SectionName}:QuotaWindow must be positive.")
            .ValidateOnStart();
        services.AddKeyedSingleton(SenderApi.QuotaKey, (sp, _) =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SenderApiOptions>>().Value;
            return new ClientQuota(options.DeliveriesPerClient, options.QuotaWindow, sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }

    /// <summary>Maps <c>POST /webhooks/{standard,github,razorpay}</c>, <c>/api/webhooks/*</c> and <c>/api/sender/*</c>.</summary>
    public static WebApplication MapPlaygroundWebhooks(this WebApplication app)
    {
        var verifiers = app.Services.GetRequiredService<ReferenceWebhookVerifiers>();
        var log = app.Services.GetRequiredService<ReceivedWebhookLog>();
        Task Record(WebhookEvent e, CancellationToken _)
        {
            log.Add(e);
            return Task.CompletedTask;
        }
        app.MapWebhookReceiver("/webhooks/standard", verifiers.Get(WebhookScheme.Standard), Record).RequireRateLimiting(RateLimitPolicies.Receivers);
        app.MapWebhookReceiver("/webhooks/github", verifiers.Get(WebhookScheme.GitHub), Record).RequireRateLimiting(RateLimitPolicies.Receivers);
        app.MapWebhookReceiver("/webhooks/razorpay", verifiers.Get(WebhookScheme.Razorpay), Record).RequireRateLimiting(RateLimitPolicies.Receivers);

        MapReceivedLog(app);
        if (app.Environment.IsDevelopment())
        {
            app.MapGet("/api/webhooks/dev-secrets", (ReferenceWebhookSecrets secrets) => TypedResults.Ok(new
            {
                standard = secrets.Standard,
                github = secrets.GitHub,
                razorpay = secrets.Razorpay,
                note = "Development defaults only; set Webhooks:*:Secret outside Development.",
            }));
        }
        app.MapSenderApi();
        return app;
    }

    // The accepted bodies are other people's data: open on a learner's own machine, behind the operator token
    // elsewhere, and not mapped at all (404) on a public instance without one.
    private static void MapReceivedLog(WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapGet("/api/webhooks/received", (ReceivedWebhookLog received) => TypedResults.Ok(received.Snapshot()));
            return;
        }
        if (!app.Services.GetRequiredService<OperatorAccess>().IsConfigured) return;
        app.MapGet("/api/webhooks/received", (ReceivedWebhookLog received) => TypedResults.Ok(received.Snapshot()))
            .AddEndpointFilter(OperatorAccess.RequireAsync);
    }
}
