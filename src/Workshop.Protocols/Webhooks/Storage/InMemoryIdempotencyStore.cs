using System.Collections.Concurrent;

namespace Workshop.Protocols.Webhooks;

/// <summary>An <see cref="IIdempotencyStore"/> in process memory: for tests and throwaway demos (forgets on restart).</summary>
public sealed class InMemoryIdempotencyStore(TimeProvider time, TimeSpan? claimLease = null) : IIdempotencyStore
{
    private readonly ConcurrentDictionary<(string, string), Entry> _entries = new();
    private readonly TimeSpan _lease = claimLease ?? TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public Task<IdempotencyClaim> TryClaimAsync(string scope, string eventId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        while (true)
        {
            var mine = new Entry(Done: false, now);
            var existing = _entries.GetOrAdd((scope, eventId), mine);
            if (ReferenceEquals(existing, mine)) return Task.FromResult(IdempotencyClaim.Claimed);
            if (existing.Done) return Task.FromResult(IdempotencyClaim.AlreadyProcessed);
            if (now - existing.ClaimedAt < _lease) return Task.FromResult(IdempotencyClaim.InProgress);
            // The earlier claim's owner vanished; take it over only if nobody else did first.
            if (_entries.TryUpdate((scope, eventId), mine, existing)) return Task.FromResult(IdempotencyClaim.Claimed);
        }
    }

    /// <inheritdoc />
    public Task CompleteAsync(string scope, string eventId, CancellationToken cancellationToken)
    {
        _entries[(scope, eventId)] = new Entry(Done: true, time.GetUtcNow());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string scope, string eventId, CancellationToken cancellationToken)
    {
        _entries.TryRemove((scope, eventId), out _);
        return Task.CompletedTask;
    }

    private sealed record Entry(bool Done, DateTimeOffset ClaimedAt);
}
