namespace Workshop.Protocols.Webhooks;

/// <summary>
/// The outbox tables. A dispatcher claims due deliveries by writing a lease (owner + expiry), never a
/// "sending" flag: if the process dies, the lease simply runs out and the delivery is due again.
/// Results are written only by the lease owner, so a dispatcher whose lease was taken over cannot overwrite.
/// Every write goes through the database's <see cref="SqliteWriter"/> (group commit with the other writers).
/// </summary>
internal sealed class OutboxStore(WebhookDatabase database)
{
    private const string InsertSql = """
        INSERT INTO webhook_deliveries (id, event_id, event_type, url, secret, payload, status, attempts, next_attempt_at, created_at)
        VALUES ($id, $event, $type, $url, $secret, $payload, 'pending', 0, $now, $now)
        """;

    // One UPDATE picks and leases in the same write, so two dispatchers never claim the same row. It also says
    // whether the endpoint is disabled, which saves the dispatcher a read per delivery.
    private const string ClaimSql = """
        UPDATE webhook_deliveries SET lease_owner = $owner, lease_until = $until
        WHERE id IN (
            SELECT id FROM webhook_deliveries
            WHERE status = 'pending' AND next_attempt_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
            ORDER BY next_attempt_at LIMIT $limit)
        RETURNING id, event_id, event_type, url, secret, payload, attempts,
            EXISTS (SELECT 1 FROM webhook_endpoints WHERE webhook_endpoints.url = webhook_deliveries.url)
        """;

    private const string FinishSql = """
        UPDATE webhook_deliveries
        SET status = $status, attempts = $attempts, next_attempt_at = $next, last_error = $error, lease_owner = NULL, lease_until = NULL
        WHERE id = $id AND lease_owner = $owner
        """;

    private const string AttemptSql = """
        INSERT INTO webhook_attempts (delivery_id, number, started_at, duration_ms, status_code, error)
        VALUES ($id, (SELECT COALESCE(MAX(number), 0) + 1 FROM webhook_attempts WHERE delivery_id = $id), $started, $duration, $code, $error)
        """;

    private const string RedeliverSql = """
        UPDATE webhook_deliveries
        SET status = 'pending', attempts = 0, redeliveries = redeliveries + 1, next_attempt_at = $now, lease_owner = NULL, lease_until = NULL
        WHERE id = $id AND status <> 'pending' AND redeliveries < $max
        RETURNING url
        """;

    /// <summary>
    /// Stores a pending delivery; durable (committed) when the task completes. Refused with
    /// <see cref="WebhookStorageFullException"/> once the file is near its ceiling (new work; see <see cref="WebhookDatabase"/>).
    /// </summary>
    public Task InsertAsync(OutboxRow row, long createdAt, CancellationToken cancellationToken)
        => database.Writer.WriteAsync(session =>
        {
            database.ThrowIfNearlyFull(session);
            var command = session.Command(InsertSql);
            command.Parameters.AddWithValue("$id", row.Id);
            command.Parameters.AddWithValue("$event", row.EventId);
            command.Parameters.AddWithValue("$type", row.EventType);
            command.Parameters.AddWithValue("$url", row.Url);
            command.Parameters.AddWithValue("$secret", row.Secret);
            command.Parameters.AddWithValue("$payload", row.Payload);
            command.Parameters.AddWithValue("$now", createdAt);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<List<OutboxRow>> ClaimDueAsync(string owner, long now, long leaseUntil, int limit, CancellationToken cancellationToken)
        => database.Writer.WriteAsync(session =>
        {
            var command = session.Command(ClaimSql);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$until", leaseUntil);
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.AddWithValue("$limit", limit);
            var rows = new List<OutboxRow>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(new OutboxRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), (byte[])reader[5], reader.GetInt32(6), reader.GetInt64(7) != 0));
            }
            return rows;
        }, cancellationToken);

    /// <summary>Records an attempt (when given) and the new state; false when the lease was no longer ours.</summary>
    public Task<bool> FinishAsync(string owner, string id, DeliveryAttempt? attempt, string status, int attempts, long nextAttemptAt, string? error, CancellationToken cancellationToken)
        => database.Writer.WriteAsync(session =>
        {
            // Both statements run in the writer's transaction (under this operation's savepoint): all or nothing.
            var update = session.Command(FinishSql);
            update.Parameters.AddWithValue("$status", status);
            update.Parameters.AddWithValue("$attempts", attempts);
            update.Parameters.AddWithValue("$next", nextAttemptAt);
            update.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$owner", owner);
            if (update.ExecuteNonQuery() != 1) return false;
            if (attempt is null) return true;
            var insert = session.Command(AttemptSql);
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$started", attempt.StartedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$duration", (long)attempt.Duration.TotalMilliseconds);
            insert.Parameters.AddWithValue("$code", (object?)attempt.StatusCode ?? DBNull.Value);
            insert.Parameters.AddWithValue("$error", (object?)attempt.Error ?? DBNull.Value);
            insert.ExecuteNonQuery();
            return true;
        }, cancellationToken);

    public async Task DisableEndpointAsync(string url, long now, string reason, CancellationToken cancellationToken)
        => await ExecuteAsync(
            "INSERT INTO webhook_endpoints (url, disabled_at, reason) VALUES ($url, $now, $reason) ON CONFLICT (url) DO NOTHING",
            cancellationToken, ("$url", url), ("$now", now), ("$reason", reason));

    public async Task<bool> IsEndpointDisabledAsync(string url, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM webhook_endpoints WHERE url = $url";
        command.Parameters.AddWithValue("$url", url);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    /// <summary>
    /// Makes a finished delivery pending again with a fresh round of attempts and re-enables its endpoint, unless
    /// it was already redelivered <paramref name="maxRedeliveries"/> times. One write: the check and the change
    /// cannot be split by a concurrent redelivery.
    /// </summary>
    public Task<RedeliveryOutcome> RedeliverAsync(string id, long now, int maxRedeliveries, CancellationToken cancellationToken)
        => database.Writer.WriteAsync(session =>
        {
            var update = session.Command(RedeliverSql);
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$now", now);
            update.Parameters.AddWithValue("$max", maxRedeliveries);
            if (update.ExecuteScalar() is string url)
            {
                var enable = session.Command("DELETE FROM webhook_endpoints WHERE url = $url");
                enable.Parameters.AddWithValue("$url", url);
                enable.ExecuteNonQuery();
                return RedeliveryOutcome.Redelivered;
            }
            var status = session.Command("SELECT status FROM webhook_deliveries WHERE id = $id");
            status.Parameters.AddWithValue("$id", id);
            return status.ExecuteScalar() switch
            {
                null => RedeliveryOutcome.NotFound,
                "pending" => RedeliveryOutcome.StillPending,
                _ => RedeliveryOutcome.LimitReached,
            };
        }, cancellationToken);

    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
        => database.Writer.WriteAsync(session =>
        {
            var command = session.Command(sql);
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
            return command.ExecuteNonQuery();
        }, cancellationToken);
}
