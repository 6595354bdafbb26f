using Microsoft.Data.Sqlite;

namespace Workshop.Protocols.Webhooks;

/// <summary>
/// Creates the tables of <c>webhooks.db</c> and migrates a file written by an older version in place (a column
/// added later is added with <c>ALTER TABLE … ADD COLUMN</c> when missing), so an existing file keeps working.
/// </summary>
internal static class WebhookSchema
{
    public static void Apply(SqliteConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Tables;
            command.ExecuteNonQuery();
        }
        AddColumnIfMissing(connection, "webhook_deliveries", "redeliveries", "INTEGER NOT NULL DEFAULT 0");
        using (var index = connection.CreateCommand())
        {
            index.CommandText = Indexes;
            index.ExecuteNonQuery();
        }
    }

    private static void AddColumnIfMissing(SqliteConnection connection, string table, string column, string definition)
    {
        using var check = connection.CreateCommand();
        check.CommandText = "SELECT COUNT(*) FROM pragma_table_info($table) WHERE name = $column";
        check.Parameters.AddWithValue("$table", table);
        check.Parameters.AddWithValue("$column", column);
        if ((long)check.ExecuteScalar()! > 0) return;
        using var alter = connection.CreateCommand();
        alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition}";
        try
        {
            alter.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
        {
            // Another process on the same file migrated it between our check and our ALTER.
        }
    }

    // Times are Unix milliseconds (integers compare and index well in SQLite). journal_mode = WAL is stored in the
    // file, so setting it once is enough; synchronous and the size ceiling are per connection (WebhookDatabase).
    private const string Tables = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS webhook_deliveries (
            id TEXT PRIMARY KEY,
            event_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            url TEXT NOT NULL,
            secret TEXT NOT NULL,
            payload BLOB NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            lease_owner TEXT NULL,
            lease_until INTEGER NULL,
            created_at INTEGER NOT NULL,
            last_error TEXT NULL,
            redeliveries INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
        CREATE TABLE IF NOT EXISTS webhook_attempts (
            delivery_id TEXT NOT NULL,
            number INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL,
            status_code INTEGER NULL,
            error TEXT NULL,
            PRIMARY KEY (delivery_id, number));
        CREATE TABLE IF NOT EXISTS webhook_endpoints (
            url TEXT PRIMARY KEY,
            disabled_at INTEGER NOT NULL,
            reason TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS webhook_received (
            scope TEXT NOT NULL,
            event_id TEXT NOT NULL,
            state TEXT NOT NULL,
            claimed_at INTEGER NOT NULL,
            PRIMARY KEY (scope, event_id)) WITHOUT ROWID;
        """;

    // For the retention sweep, which deletes by age.
    private const string Indexes = """
        CREATE INDEX IF NOT EXISTS ix_webhook_deliveries_created ON webhook_deliveries (created_at);
        CREATE INDEX IF NOT EXISTS ix_webhook_received_claimed ON webhook_received (claimed_at);
        """;
}
