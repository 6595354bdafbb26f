namespace Workshop.Protocols.Webhooks;

/// <summary>The outcome of trying to claim an event id before handling it.</summary>
public enum IdempotencyClaim
{
    /// <summary>This caller owns the event: run the handler, then complete or release.</summary>
    Claimed,

    /// <summary>The event was already handled: answer 200 without running the handler again.</summary>
    AlreadyProcessed,

    /// <summary>Another request is handling the same event right now: answer 409 so the sender retries later.</summary>
    InProgress,
}
