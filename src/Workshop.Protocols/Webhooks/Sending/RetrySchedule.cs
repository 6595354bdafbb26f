namespace Workshop.Protocols.Webhooks;

/// <summary>
/// Exponential backoff with jitter: the n-th retry waits between half and all of
/// <c>min(MaxDelay, BaseDelay * 2^(n-1))</c>, so a fleet of failed deliveries does not retry in lockstep.
/// </summary>
public sealed class RetrySchedule
{
    private readonly Func<double> _random;

    /// <summary>Creates a schedule; <paramref name="random"/> returns values in [0, 1) (defaults to a shared random source).</summary>
    public RetrySchedule(TimeSpan baseDelay, TimeSpan maxDelay, int maxAttempts, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
        MaxAttempts = maxAttempts;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>Delay before the first retry, before jitter.</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>Largest delay, before jitter.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>Total attempts including the first.</summary>
    public int MaxAttempts { get; }

    /// <summary>The un-jittered delay after <paramref name="attemptsMade"/> failed attempts.</summary>
    public TimeSpan Ceiling(int attemptsMade)
    {
        var exponent = Math.Clamp(attemptsMade - 1, 0, 30);
        var ticks = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The jittered delay after <paramref name="attemptsMade"/> failed attempts, or null when none remain (dead-letter).</summary>
    public TimeSpan? NextDelay(int attemptsMade)
    {
        if (attemptsMade >= MaxAttempts) return null;
        var ceiling = Ceiling(attemptsMade);
        return ceiling / 2 + ceiling / 2 * _random();
    }

    /// <summary>When the next attempt is due after <paramref name="attemptsMade"/> failures, or null when none remain.</summary>
    public DateTimeOffset? NextAttemptAt(int attemptsMade, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return NextDelay(attemptsMade) is { } delay ? time.GetUtcNow() + delay : null;
    }
}
