using Microsoft.Data.Sqlite;
using Workshop.Protocols.Webhooks;

namespace Workshop.Protocols.Tests.Webhooks;

/// <summary>
/// The size ceiling: new work is refused near it (a reserve stays for the work already stored), SQLite refuses to
/// grow the file past it, and only the writes that hit it fail.
/// </summary>
public sealed class StorageCeilingTests : IAsyncLifetime
{
    private const long Ceiling = 128 * 1024;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "workshop-ceiling-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationToken _token = CancellationToken.None;
    private WebhookDatabase _database = null!;
    private OutboxStore _store = null!;
    private int _next;

    public Task InitializeAsync()
    {
        _database = new WebhookDatabase(_directory, Ceiling, default);
        _store = new OutboxStore(_database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private Task InsertAsync(int payloadBytes, string status = "pending")
    {
        var id = "d" + Interlocked.Increment(ref _next);
        return _store.InsertAsync(new OutboxRow(id, "msg_" + id, "test", "http://127.0.0.1/x", "whsec_AAAA", new byte[payloadBytes], 0), 1000, _token);
    }

    /// <summary>Inserts 4 KiB deliveries until the database refuses one; fails if it never does.</summary>
    private async Task<int> FillAsync()
    {
        for (var i = 1; i <= 64; i++)
        {
            try
            {
                await InsertAsync(4096);
            }
            catch (WebhookStorageFullException)
            {
                return i - 1;
            }
        }
        throw new Xunit.Sdk.XunitException("The database never reported that it is full.");
    }

    /// <summary>Writes 4 KiB rows directly (no new-work check) until SQLite itself refuses one.</summary>
    private async Task<WebhookStorageFullException> FillToTheHardCeilingAsync()
    {
        for (var i = 0; i < 64; i++)
        {
            try
            {
                await RawInsertAsync(4096);
            }
            catch (WebhookStorageFullException full)
            {
                return full;
            }
        }
        throw new Xunit.Sdk.XunitException("SQLite never reported that the database is full.");
    }

    private Task<int> RawInsertAsync(int payloadBytes)
    {
        var id = "raw" + Interlocked.Increment(ref _next);
        return _database.Writer.WriteAsync(session =>
        {
            var command = session.Command("""
                INSERT INTO webhook_deliveries (id, event_id, event_type, url, secret, payload, status, attempts, next_attempt_at, created_at)
                VALUES ($id, $id, 't', 'http://127.0.0.1/x', 'whsec_AAAA', $payload, 'succeeded', 1, 0, 1000)
                """);
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$payload", new byte[payloadBytes]);
            return command.ExecuteNonQuery();
        }, _token);
    }

    private async Task<long> FileBytesAsync()
    {
        await using var connection = await _database.OpenAsync(_token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
        return (long)(await command.ExecuteScalarAsync(_token))!;
    }

    [Fact]
    public async Task New_work_is_refused_with_a_storage_full_exception_before_the_file_reaches_its_ceiling()
    {
        var stored = await FillAsync();
        Assert.InRange(stored, 1, 31);
        Assert.True(await FileBytesAsync() <= Ceiling);
        await Assert.ThrowsAsync<WebhookStorageFullException>(() => InsertAsync(16));
    }

    [Fact]
    public async Task Deliveries_already_stored_can_still_be_leased_and_their_attempts_recorded_when_new_work_is_refused()
    {
        await FillAsync();
        var claimed = await _store.ClaimDueAsync("me", 2000, 3000, 16, _token);
        Assert.NotEmpty(claimed);
        foreach (var row in claimed)
        {
            var attempt = new DeliveryAttempt(1, DateTimeOffset.FromUnixTimeMilliseconds(2000), TimeSpan.FromMilliseconds(5), 500, "Server error: the receiver answered 500.");
            Assert.True(await _store.FinishAsync("me", row.Id, attempt, "pending", 1, 9000, attempt.Error, _token));
        }
    }

    [Fact]
    public async Task A_write_past_the_hard_ceiling_fails_with_sqlite_full_raised_as_a_storage_full_exception()
    {
        var full = await FillToTheHardCeilingAsync();
        Assert.Equal(13, Assert.IsType<SqliteException>(full.InnerException).SqliteErrorCode);
        Assert.True(await FileBytesAsync() <= Ceiling);
    }

    [Fact]
    public async Task A_full_database_still_reads_and_deletes_and_accepts_work_again_once_space_is_freed()
    {
        await FillAsync();
        Assert.NotNull(await new OutboxReader(_database).GetAsync("d1", _token));
        var deleted = await _database.Writer.WriteAsync(session => session.Command("DELETE FROM webhook_deliveries").ExecuteNonQuery(), _token);
        Assert.True(deleted > 0);
        await InsertAsync(4096);
    }

    [Fact]
    public async Task A_full_database_fails_only_the_writes_in_a_group_commit_that_hit_it()
    {
        await FillToTheHardCeilingAsync();
        var gate = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = _database.Writer.WriteAsync(_ =>
        {
            entered.TrySetResult();
            gate.Wait(TimeSpan.FromSeconds(30));
            return 0;
        }, _token);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Queued while the writer is held: these share the next batch.
        var tooBig = RawInsertAsync(16 * 1024);
        var shrink = _database.Writer.WriteAsync(session => session.Command("UPDATE webhook_deliveries SET last_error = NULL").ExecuteNonQuery(), _token);
        var delete = _database.Writer.WriteAsync(session => session.Command("DELETE FROM webhook_deliveries WHERE id = 'raw1'").ExecuteNonQuery(), _token);
        var commitsBefore = _database.Writer.Commits;
        gate.Set();
        await held;
        await Assert.ThrowsAsync<WebhookStorageFullException>(() => tooBig);
        Assert.True(await shrink > 0);
        Assert.Equal(1, await delete);
        Assert.Null(await new OutboxReader(_database).GetAsync("raw1", _token));
        Assert.True(_database.Writer.Commits > commitsBefore);
    }

    [Fact]
    public async Task The_idempotency_claim_refuses_with_a_storage_full_exception_when_the_database_is_full()
    {
        var store = new SqliteIdempotencyStore(_database, TimeProvider.System);
        await store.TryClaimAsync("s", "known", _token);
        await store.CompleteAsync("s", "known", _token);
        var refused = false;
        for (var i = 0; i < 5000 && !refused; i++)
        {
            try
            {
                await store.TryClaimAsync("s", "evt_" + i + new string('x', 200), _token);
            }
            catch (WebhookStorageFullException)
            {
                refused = true;
            }
        }
        Assert.True(refused, "the claims never filled the database");
        Assert.True(await FileBytesAsync() <= Ceiling);
        Assert.Equal(IdempotencyClaim.AlreadyProcessed, await store.TryClaimAsync("s", "known", _token));
    }

    [Fact]
    public void A_ceiling_below_64_KiB_is_refused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new WebhookDatabase(_directory, 4096, default));
}
