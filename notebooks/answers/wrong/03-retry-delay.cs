// Your turn (03-retry-delay): the wait before retry number `retry`: exponential, capped, with jitter
// Wrong: jitter before the cap (late retries all wait exactly maxDelay), and TimeSpan arithmetic that overflows.
TimeSpan RetryDelay(int retry, TimeSpan baseDelay, TimeSpan maxDelay, double random)
{
    var delay = baseDelay * Math.Pow(2, retry - 1) * (0.5 + random / 2);
    return delay > maxDelay ? maxDelay : delay;
}
