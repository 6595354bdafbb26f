namespace Workshop.Playground.Features.Inspector;

/// <summary>The inspector's log messages (never a secret, a signature or a body).</summary>
internal static partial class InspectorLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Inspector bin {Bin} created ({Evicted} old bin(s) evicted)")]
    public static partial void BinCreated(ILogger logger, string bin, int evicted);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Inspector bin {Bin} removed")]
    public static partial void BinRemoved(ILogger logger, string bin);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Inspector bin {Bin} captured request {Id}: {Method}, {Bytes} byte(s)")]
    public static partial void Captured(ILogger logger, string bin, long id, string method, int bytes);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Inspector bin {Bin} refused a body over {Limit} bytes (413)")]
    public static partial void BodyTooLarge(ILogger logger, string bin, int limit);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Request to unknown inspector bin (404)")]
    public static partial void UnknownBin(ILogger logger);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Redelivery of capture {Id} of bin {Bin} refused: {Reason}")]
    public static partial void RedeliveryRefused(ILogger logger, string bin, long id, string reason);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "Redelivered capture {Id} of bin {Bin}: {Outcome}")]
    public static partial void Redelivered(ILogger logger, string bin, long id, string outcome);
}
