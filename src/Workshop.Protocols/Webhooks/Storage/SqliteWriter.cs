using System.Threading.Channels;

namespace Workshop.Protocols.Webhooks;

/// <summary>
/// The one writer of a <see cref="WebhookDatabase"/> inside this process. SQLite lets one connection write at a
/// time; many pooled connections racing for that lock made Microsoft.Data.Sqlite sleep 150 ms per <c>SQLITE_BUSY</c>.
/// Here callers queue their writes instead, and one long-lived connection runs everything queued in ONE transaction
/// (group commit). A failing write is undone alone and fails only its caller: the batch is rolled back and run again
/// with a savepoint per write (so an operation may run more than once; it must touch only the database). If SQLite
/// itself abandoned the whole transaction (it may on <c>SQLITE_FULL</c> or an I/O error), each write then runs in
/// its own transaction. <c>SQLITE_FULL</c> reaches the caller as <see cref="WebhookStorageFullException"/>.
/// A caller's task completes after the commit, so what it wrote is durable when it resumes.
/// </summary>
/// <remarks>
/// The loop starts with the first write and ends when the stopping token given to the database fires (or on
/// dispose); writes queued then, or after, are cancelled. Other processes on the same file still contend through
/// SQLite's lock, and wait for it inside SQLite (<c>busy_timeout</c>).
/// </remarks>
public sealed class SqliteWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly WebhookDatabase _database;
    private readonly CancellationTokenSource _stopping;
    private readonly CancellationToken _stopToken;
    private readonly Channel<SqliteWriteOperation> _queue = Channel.CreateUnbounded<SqliteWriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<SqliteWriteOperation> _batch = [];
    private readonly Lock _startLock = new();
    private SqliteWriteSession? _session;
    private Task? _loop;
    private int _disposed;

    internal SqliteWriter(WebhookDatabase database, CancellationToken stopping)
    {
        _database = database;
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _stopToken = _stopping.Token;
    }

    /// <summary>Number of transactions committed so far (for tests and diagnostics).</summary>
    public long Commits { get; private set; }

    /// <summary>
    /// Queues <paramref name="operation"/> to run synchronously on the writer's connection inside the next batch and
    /// returns its result once that batch has committed. An exception thrown by the operation undoes only its own
    /// changes and is rethrown to this caller. The operation may run more than once (when a batch-mate failed, the
    /// batch is rolled back and run again), so it must change nothing but the database and its return value.
    /// Cancelling <paramref name="cancellationToken"/> skips the operation if it has not run yet; once run, its
    /// result is committed with its batch.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteWriteSession, T> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
        if (_stopToken.IsCancellationRequested) return Task.FromCanceled<T>(_stopToken);
        EnsureStarted();
        var queued = new SqliteWriteOperation<T>(operation, cancellationToken);
        // Refused only once the loop has stopped (it completes the queue on its way out).
        return _queue.Writer.TryWrite(queued) ? queued.Task : Task.FromCanceled<T>(_stopToken);
    }

    /// <summary>Stops the loop (queued writes are cancelled) and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync();
        Task? loop;
        lock (_startLock) loop = _loop;
        if (loop is not null) await loop;
        _stopping.Dispose();
    }

    private void EnsureStarted()
    {
        if (Volatile.Read(ref _loop) is not null) return;
        lock (_startLock) _loop ??= Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        var token = _stopToken;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(token))
            {
                // Let the callers that are already runnable queue their writes too: bigger batches, fewer commits.
                await Task.Yield();
                token.ThrowIfCancellationRequested();
                _batch.Clear();
                while (_batch.Count < MaxBatch && _queue.Reader.TryRead(out var operation)) _batch.Add(operation);
                CommitBatch(_batch);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var operation)) operation.Cancel();
            _session?.Close();
            _session = null;
        }
    }

    private void CommitBatch(List<SqliteWriteOperation> batch)
    {
        try
        {
            var session = _session ??= new SqliteWriteSession(_database.Open());
            if (!TryRunAll(session, batch) && !TryRunEachUnderSavepoint(session, batch))
            {
                RunEachAlone(session, batch);
                return;
            }
            session.Command("COMMIT").ExecuteNonQuery();
            Commits++;
        }
        catch (Exception ex)
        {
            // The transaction as a whole failed (lock timeout, I/O error): nothing of it was committed.
            foreach (var operation in batch) operation.Fail(ex);
            Reset();
            return;
        }
        foreach (var operation in batch) operation.Publish();
    }

    // The usual case costs no savepoints: run everything; if one operation fails, roll the batch back and say so.
    private static bool TryRunAll(SqliteWriteSession session, List<SqliteWriteOperation> batch)
    {
        session.Command("BEGIN IMMEDIATE").ExecuteNonQuery();
        foreach (var operation in batch)
        {
            if (SkipIfCancelled(operation)) continue;
            try
            {
                operation.Run(session);
            }
            catch (Exception)
            {
                RollBack(session);
                return false;
            }
        }
        return true;
    }

    // After a failure: run the batch again, each operation under a savepoint, so a failing one is undone alone
    // and fails only its own caller while the others see exactly what they would have seen without it. False when
    // SQLite itself rolled the whole transaction back (it may, e.g. on SQLITE_FULL): nothing of it is left.
    private static bool TryRunEachUnderSavepoint(SqliteWriteSession session, List<SqliteWriteOperation> batch)
    {
        session.Command("BEGIN IMMEDIATE").ExecuteNonQuery();
        foreach (var operation in batch)
        {
            if (SkipIfCancelled(operation)) continue;
            session.Command("SAVEPOINT op").ExecuteNonQuery();
            try
            {
                operation.Run(session);
            }
            catch (Exception)
            {
                // Kept by the operation for its caller.
                if (!InTransaction(session)) return false;
                session.Command("ROLLBACK TO op").ExecuteNonQuery();
            }
            session.Command("RELEASE op").ExecuteNonQuery();
        }
        return true;
    }

    // The last resort: each operation in its own transaction, so whatever SQLite does to one cannot touch another.
    private void RunEachAlone(SqliteWriteSession session, List<SqliteWriteOperation> batch)
    {
        foreach (var operation in batch)
        {
            if (SkipIfCancelled(operation)) continue;
            session.Command("BEGIN IMMEDIATE").ExecuteNonQuery();
            try
            {
                operation.Run(session);
            }
            catch (Exception)
            {
                RollBack(session);
                operation.Publish(); // Its own failure.
                continue;
            }
            session.Command("COMMIT").ExecuteNonQuery();
            Commits++;
            operation.Publish();
        }
    }

    private static bool InTransaction(SqliteWriteSession session)
        => SQLitePCL.raw.sqlite3_get_autocommit(session.Connection.Handle) == 0;

    private static void RollBack(SqliteWriteSession session)
    {
        if (InTransaction(session)) session.Command("ROLLBACK").ExecuteNonQuery();
    }

    private static bool SkipIfCancelled(SqliteWriteOperation operation)
    {
        if (operation.IsSettled) return true;
        if (!operation.CancellationToken.IsCancellationRequested) return false;
        operation.Cancel();
        return true;
    }

    private void Reset()
    {
        // Start the next batch on a fresh connection: this one may be in an unknown state.
        try
        {
            _session?.Close();
        }
        catch (Exception)
        {
            // Closing a broken connection can fail too; the next batch opens a new one either way.
        }
        _session = null;
    }
}
