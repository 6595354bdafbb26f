using Microsoft.Extensions.Logging;

namespace Workshop.Protocols.Redis;

/// <summary>Source-generated log messages of the Redis backplane.</summary>
internal static partial class BackplaneLog
{
    [LoggerMessage(101, LogLevel.Error, "Redis backplane unavailable ({Endpoint}, {ConnectionType}, {FailureType}): cross-instance delivery is paused, local delivery continues")]
    public static partial void Unavailable(ILogger logger, string endpoint, string connectionType, string failureType, Exception? exception);

    [LoggerMessage(102, LogLevel.Information, "Redis backplane restored ({Endpoint}, {ConnectionType}) after {Outage}")]
    public static partial void Restored(ILogger logger, string endpoint, string connectionType, TimeSpan outage);

    [LoggerMessage(103, LogLevel.Information, "Redis backplane connecting to {Endpoints} with key prefix '{Prefix}' as instance {InstanceId}")]
    public static partial void Connecting(ILogger logger, string endpoints, string prefix, string instanceId);

    [LoggerMessage(104, LogLevel.Warning, "Redis backplane: subscribing to {Channel} failed; retried later")]
    public static partial void SubscribeFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(105, LogLevel.Warning, "Redis backplane: {Operation} for {Name} failed; served locally only")]
    public static partial void OperationFailed(ILogger logger, string operation, string name, Exception exception);

    [LoggerMessage(107, LogLevel.Error, "Redis backplane: {Operation} for {Name} failed unexpectedly")]
    public static partial void Unexpected(ILogger logger, string operation, string name, Exception exception);

    [LoggerMessage(106, LogLevel.Warning, "Redis backplane: ignored a malformed message on {Channel}")]
    public static partial void Malformed(ILogger logger, string channel);
}
