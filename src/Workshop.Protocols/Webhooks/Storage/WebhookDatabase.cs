using Microsoft.Data.Sqlite;

namespace Workshop.Protocols.Webhooks;

/// <summary>
/// The SQLite file holding the outbox and the idempotency records. WAL mode so the dispatcher and the
/// request handlers can read while one writes. Every write goes through <see cref="Writer"/> (one connection,
/// group commit); reads use pooled connections. Each connection waits for SQLite's lock inside SQLite
/// (<c>busy_timeout</c>) rather than in the provider's 150 ms retry sleep, for when another process shares the file.
/// </summary>
public sealed class WebhookDatabase : IAsyncDisposable, IDisposable
{
    private const int BusyTimeoutMs = 5000;
    private readonly string _connectionString;
    private readonly Lock _initLock = new();
    private bool _initialized;

    /// <summary>
    /// Uses (and creates when missing) <c>webhooks.db</c> in <paramref name="dataDirectory"/>; its
    /// <see cref="Writer"/> runs until the database is disposed.
    /// </summary>
    public WebhookDatabase(string dataDirectory)
        : this(dataDirectory, default)
    {
    }

    /// <summary>
    /// Uses (and creates when missing) <c>webhooks.db</c> in <paramref name="dataDirectory"/>; its
    /// <see cref="Writer"/> stops when <paramref name="stopping"/> fires (the application's stopping token).
    /// </summary>
    public WebhookDatabase(string dataDirectory, CancellationToken stopping)
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
        Writer = new SqliteWriter(this, stopping);
    }

    /// <summary>The single writer of this file in this process: every insert, update and delete goes through it.</summary>
    public SqliteWriter Writer { get; }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>Opens a connection, creating the schema on first use.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        Prepare(connection);
        return connection;
    }

    /// <summary>Stops the writer (writes still queued are cancelled) and closes its connection.</summary>
    public ValueTask DisposeAsync() => Writer.DisposeAsync();

    /// <summary>
    /// The same as <see cref="DisposeAsync"/>, for containers disposed synchronously (a service provider refuses to
    /// dispose a singleton that is only asynchronously disposable). The loop ends within its current batch.
    /// </summary>
    public void Dispose() => Writer.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Opens a connection synchronously (for the writer's loop, which runs SQLite calls synchronously anyway).</summary>
    internal SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Prepare(connection);
        return connection;
    }

    private void Prepare(SqliteConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA busy_timeout = " + BusyTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.ExecuteNonQuery();
        }
        EnsureSchema(connection);
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
            PRIMARY KEY (scope, event_id)) WITHOUT ROWID;
        """;
}
