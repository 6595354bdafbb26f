using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Features.Webhooks;

/// <summary>A delivery as the API returns it (status as a camelCase string, durations in milliseconds).</summary>
/// <param name="Id">Delivery id.</param>
/// <param name="EventId">Event id (same on every attempt).</param>
/// <param name="EventType">Event type.</param>
/// <param name="Url">Destination.</param>
/// <param name="Status">pending, succeeded, deadLettered, endpointDisabled or refused.</param>
/// <param name="Attempts">Attempts in the current round.</param>
/// <param name="NextAttemptAt">When the next attempt is due (while pending).</param>
/// <param name="LastError">The last failure.</param>
/// <param name="AttemptLog">Every attempt.</param>
public sealed record DeliveryView(
    string Id, string EventId, string EventType, string Url, string Status, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError,
    IReadOnlyList<AttemptView> AttemptLog)
{
    /// <summary>
    /// The secret the server generated to sign this delivery (the caller sent none): in the answer to the enqueue
    /// only, so the caller can verify what arrives. Never one of the server's own receiver secrets.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    /// <summary>Maps a library delivery.</summary>
    public static DeliveryView From(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new(
            delivery.Id, delivery.EventId, delivery.EventType, delivery.Url.AbsoluteUri,
            System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(delivery.Status.ToString()),
            delivery.Attempts,
            delivery.Status == DeliveryStatus.Pending ? delivery.NextAttemptAt : null,
            delivery.LastError,
            [.. delivery.AttemptLog.Select(a => new AttemptView(a.Number, a.StartedAt, (long)a.Duration.TotalMilliseconds, a.StatusCode, a.Error))]);
    }
}
