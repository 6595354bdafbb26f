namespace Workshop.Protocols.Webhooks;

/// <summary>Where a delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Pending,

    /// <summary>A 2xx answer was received.</summary>
    Succeeded,

    /// <summary>Every attempt failed; kept for inspection and manual redelivery.</summary>
    DeadLettered,

    /// <summary>The endpoint answered 410 Gone (now or earlier) and is disabled.</summary>
    EndpointDisabled,

    /// <summary>The destination address is in a refused range.</summary>
    Refused,
}
