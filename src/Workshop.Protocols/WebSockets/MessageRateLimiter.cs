namespace Workshop.Protocols.WebSockets;

/// <summary>
/// A token bucket for one connection's incoming messages: <c>burst</c> tokens, refilled at <c>perSecond</c>, read
/// from the injected clock. Only the connection's receive loop calls it, so it needs no lock.
/// </summary>
internal sealed class MessageRateLimiter
{
    private readonly TimeProvider _time;
    private readonly double _burst;
    private readonly double _perSecond;
    private double _tokens;
    private long _last;

    public MessageRateLimiter(TimeProvider time, int burst, double perSecond)
    {
        _time = time;
        _burst = Math.Max(1, burst);
        _perSecond = Math.Max(0, perSecond);
        _tokens = _burst;
        _last = time.GetTimestamp();
    }

    /// <summary>Takes one token; false when the bucket is empty (the client is over its rate).</summary>
    public bool TryTake()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_last, now).TotalSeconds;
        _last = now;
        _tokens = Math.Min(_burst, _tokens + elapsed * _perSecond);
        if (_tokens < 1) return false;
        _tokens -= 1;
        return true;
    }
}
