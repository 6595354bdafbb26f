/// <summary>How long to wait before the next attempt.</summary>
public static class Backoff
{
    /// <summary>The wait after <paramref name="failedAttempts"/> failures (1 = the first failure).</summary>
    public static TimeSpan Delay(int failedAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        // TODO 2 solved (backoff): why doubling: a receiver that is down for a second gets retried at once, one that
        // is down for an hour is not hammered. Why a cap: without it the 20th wait would be days. Math.Min also keeps
        // 2^n from overflowing into nonsense. (Production adds jitter, so a thousand senders do not retry in step.)
        var ms = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, failedAttempts - 1));
        return TimeSpan.FromMilliseconds(Math.Min(ms, maxDelay.TotalMilliseconds));
    }
}
