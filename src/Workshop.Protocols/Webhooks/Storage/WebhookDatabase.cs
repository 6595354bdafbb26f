using Microsoft.Data.Sqlite;

namespace Workshop.Protocols.Webhooks;

/// <summary>
/// The SQLite file holding the outbox and the idempotency records. WAL mode so the dispatcher and the
/// request handlers can read while one writes; a generous busy timeout instead of failing under contention.
/// </summary>
public sealed class WebhookDatabase
{
    private readonly string _connectionString;
    private readonly Lock _initLock = new();
    private bool _initialized;

    /// <summary>Uses (and creates when missing) <c>webhooks.db</c> in <paramref name="dataDirectory"/>.</summary>
    public WebhookDatabase(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        FilePath = Path.Combine(dataDirectory, "webhooks.db");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>Opens a connection, creating the schema on first use.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        EnsureSchema(connection);
        return connection;
    }

    private void EnsureSchema(SqliteConnection connection)
    {
        lock (_initLock)
        {
            if (_initialized) return;
            using var command = connection.CreateCommand();
            command.CommandText = Schema;
            command.ExecuteNonQuery();
            _initialized = true;
        }
    }

    // Times are Unix milliseconds (integers compare and index well in SQLite).
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
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
            last_error TEXT NULL);
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
            PRIMARY KEY (scope, event_id));
        """;
}
