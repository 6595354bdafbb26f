// Your turn (03-retry-delay): the wait before retry number `retry`: exponential, capped, with jitter
TimeSpan RetryDelay(int retry, TimeSpan baseDelay, TimeSpan maxDelay, double random)
{
    // Doubling in double arithmetic and capping before converting back: 2^(retry-1) overflows TimeSpan long before retry 100.
    var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, retry - 1);
    var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
    // Jitter keeps many senders from retrying in lockstep against a recovering receiver.
    return TimeSpan.FromMilliseconds(capped * (0.5 + random / 2));
}
