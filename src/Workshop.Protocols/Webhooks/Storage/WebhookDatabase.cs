using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Workshop.Protocols.Webhooks;

/// <summary>
/// The SQLite file holding the outbox and the idempotency records. WAL mode so the dispatcher and the
/// request handlers can read while one writes. Every write goes through <see cref="Writer"/> (one connection,
/// group commit); reads use pooled connections. Each connection waits for SQLite's lock inside SQLite
/// (<c>busy_timeout</c>) rather than in the provider's 150 ms retry sleep, for when another process shares the file,
/// and runs with <c>synchronous = NORMAL</c> and the size ceiling (<c>max_page_count</c>).
/// </summary>
public sealed class WebhookDatabase : IAsyncDisposable, IDisposable
{
    private const int BusyTimeoutMs = 5000;
    private readonly string _connectionString;
    private readonly Lock _initLock = new();
    private long _maxPageCount;

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
        : this(dataDirectory, DefaultMaxDatabaseBytes, stopping)
    {
    }

    /// <summary>
    /// Uses (and creates when missing) <c>webhooks.db</c> in <paramref name="dataDirectory"/>, which SQLite keeps
    /// under <paramref name="maxDatabaseBytes"/> (writes past it fail with <see cref="WebhookStorageFullException"/>);
    /// its <see cref="Writer"/> stops when <paramref name="stopping"/> fires.
    /// </summary>
    public WebhookDatabase(string dataDirectory, long maxDatabaseBytes, CancellationToken stopping)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDatabaseBytes, MinimumMaxDatabaseBytes);
        MaxDatabaseBytes = maxDatabaseBytes;
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

    /// <summary>The default size ceiling: 256 MiB.</summary>
    public const long DefaultMaxDatabaseBytes = 256L * 1024 * 1024;

    /// <summary>The smallest ceiling accepted: 64 KiB (the empty schema alone takes about 40 KiB).</summary>
    public const long MinimumMaxDatabaseBytes = 64L * 1024;

    /// <summary>The size ceiling of the file in bytes (rounded down to whole pages).</summary>
    public long MaxDatabaseBytes { get; }

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

    // Every connection, pooled or the writer's, gets the same settings: they are per connection in SQLite (only
    // journal_mode = WAL is stored in the file). synchronous = NORMAL in WAL mode: a commit survives a process kill;
    // a power loss may lose the last commits since the WAL was last synced, never corrupt the file.
    private void Prepare(SqliteConnection connection)
    {
        var known = Volatile.Read(ref _maxPageCount);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = " + BusyTimeoutMs.ToString(CultureInfo.InvariantCulture) + "; PRAGMA synchronous = NORMAL;";
        if (known == 0)
        {
            command.ExecuteNonQuery();
            known = EnsureSchema(connection);
            command.CommandText = "";
        }
        // SQLite never lowers it below the pages already in use: a file already over the ceiling stops growing.
        command.CommandText += "PRAGMA max_page_count = " + known.ToString(CultureInfo.InvariantCulture) + ";";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Inside a write: true when the pages in use are within the reserve (a tenth of the ceiling) of the ceiling.
    /// New work is refused from there on, so that the work already stored (leases, attempts, completions) and
    /// retention still have room to finish; SQLite's own ceiling stops everything else.
    /// </summary>
    internal bool IsNearlyFull(SqliteWriteSession session)
    {
        var maxPageCount = Volatile.Read(ref _maxPageCount);
        var used = (long)session.Command(UsedPagesSql).ExecuteScalar()!;
        return used >= maxPageCount - Math.Max(1, maxPageCount / 10);
    }

    /// <summary>Throws <see cref="WebhookStorageFullException"/> when <see cref="IsNearlyFull"/>.</summary>
    internal void ThrowIfNearlyFull(SqliteWriteSession session)
    {
        if (IsNearlyFull(session)) throw new WebhookStorageFullException();
    }

    private const string UsedPagesSql = "SELECT (SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count())";

    private long EnsureSchema(SqliteConnection connection)
    {
        lock (_initLock)
        {
            if (_maxPageCount > 0) return _maxPageCount;
            WebhookSchema.Apply(connection);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_size";
            var pageSize = (long)command.ExecuteScalar()!;
            var maxPageCount = Math.Max(1, MaxDatabaseBytes / pageSize);
            Volatile.Write(ref _maxPageCount, maxPageCount);
            return maxPageCount;
        }
    }
}
