using Microsoft.Data.Sqlite;
using Workshop.Protocols.Webhooks;

namespace Workshop.Protocols.Tests.Webhooks;

/// <summary>Per-connection settings (durability, lock wait, ceiling) and the in-place schema migration.</summary>
public sealed class StorageDurabilityTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "workshop-durability-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationToken _token = CancellationToken.None;
    private WebhookDatabase? _database;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static async Task<long> PragmaAsync(SqliteConnection connection, string pragma)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Every_connection_runs_with_synchronous_normal_not_only_the_first()
    {
        _database = new WebhookDatabase(_directory);
        await using var first = await _database.OpenAsync(_token);
        // Opened while the first is still open: a different connection, which never ran the schema script.
        await using var second = await _database.OpenAsync(_token);
        Assert.Equal(1, await PragmaAsync(first, "synchronous"));
        Assert.Equal(1, await PragmaAsync(second, "synchronous"));
        Assert.Equal(5000, await PragmaAsync(second, "busy_timeout"));
    }

    [Fact]
    public async Task A_pooled_connection_reused_after_a_close_still_runs_with_synchronous_normal()
    {
        _database = new WebhookDatabase(_directory);
        await (await _database.OpenAsync(_token)).DisposeAsync();
        await using var reused = await _database.OpenAsync(_token);
        Assert.Equal(1, await PragmaAsync(reused, "synchronous"));
    }

    [Fact]
    public async Task The_writers_own_connection_runs_with_synchronous_normal_and_the_ceiling()
    {
        _database = new WebhookDatabase(_directory, 1024 * 1024, default);
        await using (await _database.OpenAsync(_token))
        {
            // The schema exists; the writer's connection is opened separately below.
        }
        var (synchronous, maxPages, pageSize) = await _database.Writer.WriteAsync(session =>
        {
            long Read(string pragma)
            {
                using var command = session.Connection.CreateCommand();
                command.CommandText = "PRAGMA " + pragma;
                return (long)command.ExecuteScalar()!;
            }
            return (Read("synchronous"), Read("max_page_count"), Read("page_size"));
        }, _token);
        Assert.Equal(1, synchronous);
        Assert.Equal(1024 * 1024 / pageSize, maxPages);
    }

    [Fact]
    public async Task Every_connection_carries_the_size_ceiling_as_max_page_count()
    {
        _database = new WebhookDatabase(_directory, 256 * 1024, default);
        await using var first = await _database.OpenAsync(_token);
        await using var second = await _database.OpenAsync(_token);
        var pageSize = await PragmaAsync(second, "page_size");
        Assert.Equal(256 * 1024 / pageSize, await PragmaAsync(first, "max_page_count"));
        Assert.Equal(256 * 1024 / pageSize, await PragmaAsync(second, "max_page_count"));
    }

    [Fact]
    public async Task A_file_from_before_the_redelivery_limit_is_migrated_in_place_and_keeps_its_deliveries()
    {
        Directory.CreateDirectory(_directory);
        await using (var old = new SqliteConnection("Data Source=" + Path.Combine(_directory, "webhooks.db")))
        {
            await old.OpenAsync();
            await using var command = old.CreateCommand();
            // The schema as shipped before the redeliveries column, with one finished delivery in it.
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE webhook_deliveries (id TEXT PRIMARY KEY, event_id TEXT NOT NULL, event_type TEXT NOT NULL, url TEXT NOT NULL,
                    secret TEXT NOT NULL, payload BLOB NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER NOT NULL, lease_owner TEXT NULL, lease_until INTEGER NULL, created_at INTEGER NOT NULL, last_error TEXT NULL);
                CREATE TABLE webhook_attempts (delivery_id TEXT NOT NULL, number INTEGER NOT NULL, started_at INTEGER NOT NULL,
                    duration_ms INTEGER NOT NULL, status_code INTEGER NULL, error TEXT NULL, PRIMARY KEY (delivery_id, number));
                CREATE TABLE webhook_endpoints (url TEXT PRIMARY KEY, disabled_at INTEGER NOT NULL, reason TEXT NOT NULL);
                CREATE TABLE webhook_received (scope TEXT NOT NULL, event_id TEXT NOT NULL, state TEXT NOT NULL, claimed_at INTEGER NOT NULL,
                    PRIMARY KEY (scope, event_id)) WITHOUT ROWID;
                INSERT INTO webhook_deliveries (id, event_id, event_type, url, secret, payload, status, attempts, next_attempt_at, created_at)
                VALUES ('dlv_old', 'msg_old', 'test', 'http://127.0.0.1/x', 'whsec_AAAA', x'7b7d', 'succeeded', 1, 0, 1000);
                """;
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();

        _database = new WebhookDatabase(_directory);
        var store = new OutboxStore(_database);
        var delivery = await new OutboxReader(_database).GetAsync("dlv_old", _token);
        Assert.Equal(DeliveryStatus.Succeeded, delivery!.Status);
        Assert.Equal(RedeliveryOutcome.Redelivered, await store.RedeliverAsync("dlv_old", 2000, 1, _token));
        await store.ClaimDueAsync("me", 2000, 3000, 10, _token);
        await store.FinishAsync("me", "dlv_old", null, "succeeded", 1, 0, null, _token);
        Assert.Equal(RedeliveryOutcome.LimitReached, await store.RedeliverAsync("dlv_old", 4000, 1, _token));
    }
}
