namespace Workshop.Playground.Features.Security;

/// <summary>The security layer's log messages (never an address, a secret, a token or a bin id).</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 4600, Level = LogLevel.Warning, Message = "Rate limit '{Policy}' exceeded on {Route}: 429")]
    public static partial void RateLimited(ILogger logger, string policy, string route);
}
