using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Workshop.Protocols.Webhooks;

namespace Workshop.Protocols.Tests.Webhooks;

/// <summary>
/// The single writer's group commit. A "gate" operation holds the writer inside a batch while the test queues more
/// writes, so those are known to share the next batch (one commit) without relying on timing.
/// </summary>
public sealed class SqliteWriterTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "workshop-writer-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _token = CancellationToken.None;
    private WebhookDatabase _database = null!;

    public Task InitializeAsync()
    {
        _database = new WebhookDatabase(_directory, _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _stopping.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Queues an operation that blocks the writer until the returned gate is set.</summary>
    private async Task<(ManualResetEventSlim Gate, Task<int> Held)> HoldWriterAsync()
    {
        var gate = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = _database.Writer.WriteAsync(_ =>
        {
            entered.SetResult();
            gate.Wait(TimeSpan.FromSeconds(30));
            return 0;
        }, _token);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return (gate, held);
    }

    private Task<int> DisableAsync(string url) => _database.Writer.WriteAsync(session =>
    {
        var command = session.Command("INSERT INTO webhook_endpoints (url, disabled_at, reason) VALUES ($url, 0, 'test')");
        command.Parameters.AddWithValue("$url", url);
        return command.ExecuteNonQuery();
    }, _token);

    private async Task<List<string>> DisabledUrlsAsync()
    {
        await using var connection = await _database.OpenAsync(_token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT url FROM webhook_endpoints ORDER BY url";
        await using var reader = await command.ExecuteReaderAsync(_token);
        var urls = new List<string>();
        while (await reader.ReadAsync(_token)) urls.Add(reader.GetString(0));
        return urls;
    }

    [Fact]
    public async Task Concurrent_claims_of_distinct_events_all_succeed_in_one_commit()
    {
        var store = new SqliteIdempotencyStore(_database, _clock);
        var (gate, held) = await HoldWriterAsync();
        var before = _database.Writer.Commits;
        var claims = Enumerable.Range(0, 200).Select(i => store.TryClaimAsync("s", "e" + i, _token)).ToArray();
        gate.Set();
        await held;
        Assert.All(await Task.WhenAll(claims), claim => Assert.Equal(IdempotencyClaim.Claimed, claim));
        Assert.Equal(before + 2, _database.Writer.Commits); // the held batch, then all 200 claims together
        var reopened = new SqliteIdempotencyStore(new WebhookDatabase(_directory), _clock);
        Assert.Equal(IdempotencyClaim.InProgress, await reopened.TryClaimAsync("s", "e199", _token));
    }

    [Fact]
    public async Task Concurrent_duplicates_in_one_batch_have_exactly_one_winner()
    {
        var store = new SqliteIdempotencyStore(_database, _clock);
        var (gate, held) = await HoldWriterAsync();
        var claims = Enumerable.Range(0, 50).Select(_ => store.TryClaimAsync("s", "same", _token)).ToArray();
        gate.Set();
        await held;
        var results = await Task.WhenAll(claims);
        Assert.Equal(IdempotencyClaim.Claimed, results[0]);
        Assert.All(results.Skip(1), claim => Assert.Equal(IdempotencyClaim.InProgress, claim));
    }

    [Fact]
    public async Task A_failing_write_is_undone_alone_and_its_batch_mates_commit()
    {
        var (gate, held) = await HoldWriterAsync();
        var first = DisableAsync("http://a");
        var throwing = _database.Writer.WriteAsync<int>(session =>
        {
            var command = session.Command("INSERT INTO webhook_endpoints (url, disabled_at, reason) VALUES ('http://b', 0, 'test')");
            command.ExecuteNonQuery();
            throw new InvalidOperationException("handler bug");
        }, _token);
        var duplicate = DisableAsync("http://a"); // violates the primary key
        var last = DisableAsync("http://c");
        gate.Set();
        await held;
        Assert.Equal(1, await first);
        Assert.Equal("handler bug", (await Assert.ThrowsAsync<InvalidOperationException>(() => throwing)).Message);
        await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        Assert.Equal(1, await last);
        Assert.Equal(["http://a", "http://c"], await DisabledUrlsAsync());
    }

    [Fact]
    public async Task A_write_after_which_sqlite_abandoned_the_whole_transaction_fails_alone_and_its_batch_mates_commit()
    {
        var (gate, held) = await HoldWriterAsync();
        var first = DisableAsync("http://a");
        // What SQLite may do on SQLITE_FULL or an I/O error: roll back the whole transaction, not just the statement.
        var abandoning = _database.Writer.WriteAsync<int>(session =>
        {
            session.Command("INSERT INTO webhook_endpoints (url, disabled_at, reason) VALUES ('http://b', 0, 'test')").ExecuteNonQuery();
            session.Command("ROLLBACK").ExecuteNonQuery();
            throw new InvalidOperationException("transaction abandoned");
        }, _token);
        var last = DisableAsync("http://c");
        gate.Set();
        await held;
        Assert.Equal(1, await first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => abandoning);
        Assert.Equal(1, await last);
        Assert.Equal(["http://a", "http://c"], await DisabledUrlsAsync());
        Assert.Equal(2, await DisableAsync("http://d") + await DisableAsync("http://e"));
    }

    [Fact]
    public async Task A_write_whose_caller_gave_up_before_it_ran_is_skipped()
    {
        var (gate, held) = await HoldWriterAsync();
        using var callerGone = new CancellationTokenSource();
        var abandoned = _database.Writer.WriteAsync(session =>
        {
            var command = session.Command("INSERT INTO webhook_endpoints (url, disabled_at, reason) VALUES ('http://gone', 0, 'test')");
            return command.ExecuteNonQuery();
        }, callerGone.Token);
        var kept = DisableAsync("http://kept");
        await callerGone.CancelAsync();
        gate.Set();
        await held;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal(1, await kept);
        Assert.Equal(["http://kept"], await DisabledUrlsAsync());
    }

    [Fact]
    public async Task The_writer_stops_on_cancellation_and_cancels_what_is_still_queued()
    {
        Assert.Equal(1, await DisableAsync("http://before"));
        var (gate, held) = await HoldWriterAsync();
        var queued = DisableAsync("http://queued");
        await _stopping.CancelAsync();
        gate.Set();
        Assert.Equal(0, await held); // already running: its batch still commits
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DisableAsync("http://after"));
        Assert.Equal(["http://before"], await DisabledUrlsAsync());
    }

    [Fact]
    public async Task Disposing_the_database_stops_its_writer()
    {
        var database = new WebhookDatabase(_directory);
        Assert.Equal(1, await database.Writer.WriteAsync(session => session.Command("INSERT INTO webhook_endpoints (url, disabled_at, reason) VALUES ('http://x', 0, 't')").ExecuteNonQuery(), _token));
        await database.DisposeAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => database.Writer.WriteAsync(_ => 1, _token));
        database.Dispose(); // a second (synchronous) dispose is harmless
    }

    [Fact]
    public async Task Two_writers_on_one_file_as_two_processes_would_have_share_it_without_a_double_claim()
    {
        await using var other = new WebhookDatabase(_directory);
        var here = new SqliteIdempotencyStore(_database, _clock);
        var there = new SqliteIdempotencyStore(other, _clock);
        var claims = Enumerable.Range(0, 100).SelectMany(i => new[]
        {
            here.TryClaimAsync("s", "e" + (i % 10), _token),
            there.TryClaimAsync("s", "e" + (i % 10), _token),
        }).ToArray();
        var results = await Task.WhenAll(claims);
        Assert.Equal(10, results.Count(r => r == IdempotencyClaim.Claimed));
        Assert.Equal(190, results.Count(r => r == IdempotencyClaim.InProgress));
    }
}
