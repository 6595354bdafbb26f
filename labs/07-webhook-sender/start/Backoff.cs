/// <summary>How long to wait before the next attempt.</summary>
public static class Backoff
{
    /// <summary>The wait after <paramref name="failedAttempts"/> failures (1 = the first failure).</summary>
    public static TimeSpan Delay(int failedAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        // TODO 2 (backoff): baseDelay * 2^(failedAttempts - 1), but never more than maxDelay (Math.Pow, Math.Min).
        return baseDelay;
    }
}
