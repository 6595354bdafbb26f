namespace Workshop.Playground.Features.Security;

/// <summary>One fixed-window limit: at most <see cref="PermitLimit"/> requests per <see cref="Window"/> from one client.</summary>
public sealed class RateLimitRule
{
    /// <summary>Requests allowed per window and client.</summary>
    public int PermitLimit { get; set; }

    /// <summary>The window's length.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A rule of <paramref name="permits"/> per <paramref name="window"/>.</summary>
    public static RateLimitRule Of(int permits, TimeSpan window) => new() { PermitLimit = permits, Window = window };
}
