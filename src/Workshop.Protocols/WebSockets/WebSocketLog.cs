using Microsoft.Extensions.Logging;

namespace Workshop.Protocols.WebSockets;

/// <summary>Source-generated log messages of the WebSocket area.</summary>
internal static partial class WebSocketLog
{
    [LoggerMessage(1, LogLevel.Warning, "WebSocket {ConnectionId}: send queue full ({Capacity} messages); closing with 1008")]
    public static partial void SendQueueOverflow(ILogger logger, string connectionId, int capacity);

    [LoggerMessage(2, LogLevel.Warning, "WebSocket {ConnectionId}: message over {Limit} bytes; closing with 1009")]
    public static partial void MessageTooBig(ILogger logger, string connectionId, int limit);

    [LoggerMessage(3, LogLevel.Warning, "WebSocket {ConnectionId}: text message is not valid UTF-8; closing with 1007")]
    public static partial void InvalidUtf8(ILogger logger, string connectionId);

    [LoggerMessage(4, LogLevel.Information, "WebSocket {ConnectionId} dropped: {Why}")]
    public static partial void Dropped(ILogger logger, string connectionId, string why);

    [LoggerMessage(5, LogLevel.Error, "WebSocket {ConnectionId}: message handler failed; closing with 1011")]
    public static partial void HandlerFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "WebSocket request to {Path} refused with {Status}: {Reason}")]
    public static partial void Refused(ILogger logger, string path, int status, string reason);

    [LoggerMessage(7, LogLevel.Information, "WebSocket {ConnectionId} accepted on {Path} (subprotocol {SubProtocol})")]
    public static partial void Accepted(ILogger logger, string connectionId, string path, string subProtocol);

    [LoggerMessage(8, LogLevel.Information, "Chat {ConnectionId}: refused a command with {Code}: {Reason}")]
    public static partial void ChatRefused(ILogger logger, string connectionId, string code, string reason);

    [LoggerMessage(9, LogLevel.Warning, "WebSocket {ConnectionId}: over its message rate ({Burst} burst, {PerSecond}/s); closing with 1008")]
    public static partial void RateLimited(ILogger logger, string connectionId, int burst, double perSecond);

    [LoggerMessage(10, LogLevel.Warning, "WebSocket request to {Path} refused with {Status}: {Reason} ({Open} open)")]
    public static partial void CapReached(ILogger logger, string path, int status, string reason, int open);
}
