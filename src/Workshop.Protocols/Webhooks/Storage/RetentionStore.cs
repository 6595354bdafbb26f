namespace Workshop.Protocols.Webhooks;

/// <summary>
/// Deletes what the retention window no longer covers, in bounded batches: each batch is one operation of the
/// database's <see cref="SqliteWriter"/>, so a sweep of a big backlog never holds the write lock for long and
/// request writes queued meanwhile go into the next commit. Deletes only free pages, so they work when the database is full.
/// </summary>
internal sealed class RetentionStore(WebhookDatabase database)
{
    /// <summary>Rows deleted per write (deliveries count with their attempts).</summary>
    public const int DefaultBatchSize = 500;

    // A finished delivery is kept while it is young or while any of its attempts is (it may have been redelivered).
    private const string ExpiredDeliveries = """
        SELECT id, (SELECT COUNT(*) FROM webhook_attempts AS a WHERE a.delivery_id = d.id) FROM webhook_deliveries AS d
        WHERE d.created_at < $cutoff AND d.status <> 'pending'
          AND NOT EXISTS (SELECT 1 FROM webhook_attempts AS a WHERE a.delivery_id = d.id AND a.started_at >= $cutoff)
        ORDER BY d.created_at LIMIT $limit
        """;

    // 'done' records older than the window, and 'processing' ones whose lease ran out as well.
    private const string DeleteReceived = """
        DELETE FROM webhook_received WHERE (scope, event_id) IN (
            SELECT scope, event_id FROM webhook_received
            WHERE claimed_at < $cutoff AND (state = 'done' OR claimed_at <= $expired)
            LIMIT $limit)
        """;

    private const string DeleteEndpoints = """
        DELETE FROM webhook_endpoints WHERE url IN (SELECT url FROM webhook_endpoints WHERE disabled_at < $cutoff LIMIT $limit)
        """;

    /// <summary>
    /// Deletes everything older than <paramref name="cutoff"/> (Unix ms); processing claims only once they are
    /// also older than <paramref name="expiredClaims"/>. At most <paramref name="batchSize"/> rows per write
    /// (a delivery's attempts count too). Returns what was deleted (deliveries counted without their attempts).
    /// </summary>
    public async Task<RetentionSweep> SweepAsync(long cutoff, long expiredClaims, int batchSize, CancellationToken cancellationToken)
    {
        var deliveries = await RepeatAsync(session => DeleteDeliveries(session, cutoff, batchSize), cancellationToken);
        var received = await RepeatAsync(session => Delete(session, DeleteReceived, cutoff, expiredClaims, batchSize), cancellationToken);
        var endpoints = await RepeatAsync(session => Delete(session, DeleteEndpoints, cutoff, expiredClaims, batchSize), cancellationToken);
        return new RetentionSweep(deliveries, received, endpoints);
    }

    // One write per batch, until a batch finds less than it may take.
    private async Task<int> RepeatAsync(Func<SqliteWriteSession, (int Deleted, bool MayBeMore)> batch, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var (deleted, mayBeMore) = await database.Writer.WriteAsync(batch, cancellationToken);
            total += deleted;
            if (!mayBeMore) return total;
        }
    }

    private static (int, bool) DeleteDeliveries(SqliteWriteSession session, long cutoff, int batchSize)
    {
        var select = session.Command(ExpiredDeliveries);
        select.Parameters.AddWithValue("$cutoff", cutoff);
        select.Parameters.AddWithValue("$limit", batchSize);
        var ids = new List<string>();
        var rows = 0;
        var found = 0;
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                found++;
                var cost = 1 + reader.GetInt32(1);
                // Always at least one delivery per write, so a sweep ends whatever the attempt counts.
                if (ids.Count > 0 && rows + cost > batchSize) break;
                ids.Add(reader.GetString(0));
                rows += cost;
            }
        }
        foreach (var id in ids)
        {
            var attempts = session.Command("DELETE FROM webhook_attempts WHERE delivery_id = $id");
            attempts.Parameters.AddWithValue("$id", id);
            attempts.ExecuteNonQuery();
            var delivery = session.Command("DELETE FROM webhook_deliveries WHERE id = $id");
            delivery.Parameters.AddWithValue("$id", id);
            delivery.ExecuteNonQuery();
        }
        return (ids.Count, found > ids.Count || found == batchSize);
    }

    private static (int, bool) Delete(SqliteWriteSession session, string sql, long cutoff, long expiredClaims, int batchSize)
    {
        var command = session.Command(sql);
        command.Parameters.AddWithValue("$cutoff", cutoff);
        command.Parameters.AddWithValue("$expired", expiredClaims);
        command.Parameters.AddWithValue("$limit", batchSize);
        var deleted = command.ExecuteNonQuery();
        return (deleted, deleted == batchSize);
    }
}
