using Microsoft.Extensions.Logging;

namespace Workshop.Protocols.ServerSentEvents;

/// <summary>Source-generated log messages of the SSE area.</summary>
internal static partial class SseLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "SSE subscriber joined topic {Topic} ({Kind}, resuming after {ResumeFromId})")]
    public static partial void Subscribed(ILogger logger, string topic, SseResumeKind kind, long resumeFromId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "SSE subscriber on topic {Topic} asked to resume from an unusable id ({Reason}); sent a reset")]
    public static partial void ResetSent(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "SSE subscriber on topic {Topic} dropped: its queue of {Capacity} events was full")]
    public static partial void SlowSubscriberDropped(ILogger logger, string topic, int capacity);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "SSE subscriber left topic {Topic} ({Reason})")]
    public static partial void Unsubscribed(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Debug, Message = "SSE request for an unknown topic at {Path}")]
    public static partial void UnknownTopic(ILogger logger, string path);
}
