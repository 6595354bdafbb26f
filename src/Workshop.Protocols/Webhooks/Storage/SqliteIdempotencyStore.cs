namespace Workshop.Protocols.Webhooks;

/// <summary>
/// An <see cref="IIdempotencyStore"/> in the SQLite file: survives restarts, shared by processes using the same file.
/// Claims, completions and releases go through the database's <see cref="SqliteWriter"/>, so concurrent requests
/// share one commit instead of queuing for SQLite's write lock; each returns once its record is committed.
/// A claim of an event not seen before throws <see cref="WebhookStorageFullException"/> when the database is full.
/// </summary>
public sealed class SqliteIdempotencyStore(WebhookDatabase database, TimeProvider time, TimeSpan? claimLease = null) : IIdempotencyStore
{
    // One statement decides atomically: insert a fresh claim, or take over a claim whose lease ran out; it returns a
    // row only when it claimed. The writer runs one operation at a time (and SQLite serializes processes), so two
    // duplicates cannot both claim.
    private const string ClaimSql = """
        INSERT INTO webhook_received (scope, event_id, state, claimed_at) VALUES ($scope, $id, 'processing', $now)
        ON CONFLICT (scope, event_id) DO UPDATE SET claimed_at = $now
          WHERE state = 'processing' AND claimed_at <= $expired
        RETURNING 1
        """;

    private const string StateSql = "SELECT state FROM webhook_received WHERE scope = $scope AND event_id = $id";

    private const string CompleteSql = "UPDATE webhook_received SET state = 'done' WHERE scope = $scope AND event_id = $id";
    private const string ReleaseSql = "DELETE FROM webhook_received WHERE scope = $scope AND event_id = $id AND state = 'processing'";

    private readonly long _leaseMs = (long)(claimLease ?? TimeSpan.FromMinutes(5)).TotalMilliseconds;

    /// <inheritdoc />
    public Task<IdempotencyClaim> TryClaimAsync(string scope, string eventId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return database.Writer.WriteAsync(session =>
        {
            // A new record is new work: refused near the ceiling. A known one (a duplicate) is still answered.
            if (database.IsNearlyFull(session) && State(session, scope, eventId) is null) throw new WebhookStorageFullException();
            var command = session.Command(ClaimSql);
            command.Parameters.AddWithValue("$scope", scope);
            command.Parameters.AddWithValue("$id", eventId);
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.AddWithValue("$expired", now - _leaseMs);
            if (command.ExecuteScalar() is not null) return IdempotencyClaim.Claimed;
            return State(session, scope, eventId) == "done" ? IdempotencyClaim.AlreadyProcessed : IdempotencyClaim.InProgress;
        }, cancellationToken);
    }

    private static string? State(SqliteWriteSession session, string scope, string eventId)
    {
        var state = session.Command(StateSql);
        state.Parameters.AddWithValue("$scope", scope);
        state.Parameters.AddWithValue("$id", eventId);
        return (string?)state.ExecuteScalar();
    }

    /// <inheritdoc />
    public Task CompleteAsync(string scope, string eventId, CancellationToken cancellationToken)
        => ExecuteAsync(CompleteSql, scope, eventId, cancellationToken);

    /// <inheritdoc />
    public Task ReleaseAsync(string scope, string eventId, CancellationToken cancellationToken)
        => ExecuteAsync(ReleaseSql, scope, eventId, cancellationToken);

    private Task<int> ExecuteAsync(string sql, string scope, string eventId, CancellationToken cancellationToken)
        => database.Writer.WriteAsync(session =>
        {
            var command = session.Command(sql);
            command.Parameters.AddWithValue("$scope", scope);
            command.Parameters.AddWithValue("$id", eventId);
            return command.ExecuteNonQuery();
        }, cancellationToken);
}
