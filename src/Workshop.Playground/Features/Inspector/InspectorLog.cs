namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// The inspector's log messages: never a secret, a signature, a body, a URL or a bin id (the id is the bin's only
/// key); a bin appears as its <see cref="BinFingerprint"/>.
/// </summary>
internal static partial class InspectorLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Inspector bin {BinFingerprint} created ({Evicted} old bin(s) evicted)")]
    public static partial void BinCreated(ILogger logger, string binFingerprint, int evicted);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Inspector bin {BinFingerprint} removed")]
    public static partial void BinRemoved(ILogger logger, string binFingerprint);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Inspector bin {BinFingerprint} captured request {Id}: {Method}, {Bytes} byte(s)")]
    public static partial void Captured(ILogger logger, string binFingerprint, long id, string method, int bytes);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Inspector bin {BinFingerprint} refused a body over {Limit} bytes (413)")]
    public static partial void BodyTooLarge(ILogger logger, string binFingerprint, int limit);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Request to unknown inspector bin (404)")]
    public static partial void UnknownBin(ILogger logger);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Redelivery of capture {Id} of bin {BinFingerprint} refused: {Reason}")]
    public static partial void RedeliveryRefused(ILogger logger, string binFingerprint, long id, string reason);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "Redelivered capture {Id} of bin {BinFingerprint} as {Method}: {Outcome}")]
    public static partial void Redelivered(ILogger logger, string binFingerprint, long id, string method, string outcome);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "Inspector full ({MaxBins} bins): bin creation refused (503)")]
    public static partial void InspectorFull(ILogger logger, int maxBins);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Error, Message = "Inspector bins are shared through Redis, which failed ({Failure}): answered 503")]
    public static partial void SharedBinsUnavailable(ILogger logger, string failure);
}
