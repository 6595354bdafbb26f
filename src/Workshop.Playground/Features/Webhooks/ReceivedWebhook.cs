namespace Workshop.Playground.Features.Webhooks;

/// <summary>One accepted event as the API shows it.</summary>
/// <param name="Scheme">standard, github or razorpay.</param>
/// <param name="EventId">The event id.</param>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="Body">The raw body as text.</param>
public sealed record ReceivedWebhook(string Scheme, string EventId, DateTimeOffset ReceivedAt, string Body);
