namespace Workshop.Protocols.Webhooks;

/// <summary>An <see cref="IIdempotencyStore"/> in the SQLite file: survives restarts, shared by processes using the same file.</summary>
public sealed class SqliteIdempotencyStore(WebhookDatabase database, TimeProvider time, TimeSpan? claimLease = null) : IIdempotencyStore
{
    private readonly long _leaseMs = (long)(claimLease ?? TimeSpan.FromMinutes(5)).TotalMilliseconds;

    /// <inheritdoc />
    public async Task<IdempotencyClaim> TryClaimAsync(string scope, string eventId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // One statement decides atomically: insert a fresh claim, or take over a claim whose lease ran out.
        // SQLite serializes writers, so two concurrent duplicates cannot both see "changes() = 1".
        command.CommandText = """
            INSERT INTO webhook_received (scope, event_id, state, claimed_at) VALUES ($scope, $id, 'processing', $now)
            ON CONFLICT (scope, event_id) DO UPDATE SET claimed_at = $now
              WHERE state = 'processing' AND claimed_at <= $expired;
            SELECT changes(), (SELECT state FROM webhook_received WHERE scope = $scope AND event_id = $id);
            """;
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$id", eventId);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$expired", now - _leaseMs);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.GetInt64(0) == 1) return IdempotencyClaim.Claimed;
        return reader.GetString(1) == "done" ? IdempotencyClaim.AlreadyProcessed : IdempotencyClaim.InProgress;
    }

    /// <inheritdoc />
    public Task CompleteAsync(string scope, string eventId, CancellationToken cancellationToken)
        => ExecuteAsync("UPDATE webhook_received SET state = 'done' WHERE scope = $scope AND event_id = $id", scope, eventId, cancellationToken);

    /// <inheritdoc />
    public Task ReleaseAsync(string scope, string eventId, CancellationToken cancellationToken)
        => ExecuteAsync("DELETE FROM webhook_received WHERE scope = $scope AND event_id = $id AND state = 'processing'", scope, eventId, cancellationToken);

    private async Task ExecuteAsync(string sql, string scope, string eventId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$id", eventId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
