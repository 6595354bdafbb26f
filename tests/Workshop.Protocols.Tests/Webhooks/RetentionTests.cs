using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Workshop.Protocols.Webhooks;
using Workshop.Testing;

namespace Workshop.Protocols.Tests.Webhooks;

public sealed class RetentionTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "workshop-retention-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationToken _token = CancellationToken.None;
    private WebhookDatabase _database = null!;

    public Task InitializeAsync()
    {
        _database = new WebhookDatabase(_directory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private Task ExecuteAsync(string sql) => _database.Writer.WriteAsync(session => session.Command(sql).ExecuteNonQuery(), _token);

    private Task DeliveryAsync(string id, string status, long createdAt, long? attemptAt = null)
        => ExecuteAsync($"""
            INSERT INTO webhook_deliveries (id, event_id, event_type, url, secret, payload, status, attempts, next_attempt_at, created_at)
            VALUES ('{id}', 'msg_{id}', 't', 'http://127.0.0.1/{id}', 'whsec_AAAA', x'7b7d', '{status}', 1, 0, {createdAt});
            {(attemptAt is { } at ? $"INSERT INTO webhook_attempts (delivery_id, number, started_at, duration_ms) VALUES ('{id}', 1, {at}, 5);" : "")}
            """);

    private Task ReceivedAsync(string id, string state, long claimedAt)
        => ExecuteAsync($"INSERT INTO webhook_received (scope, event_id, state, claimed_at) VALUES ('/hooks', '{id}', '{state}', {claimedAt})");

    private async Task<List<string>> IdsAsync(string sql)
    {
        await using var connection = await _database.OpenAsync(_token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(_token);
        var ids = new List<string>();
        while (await reader.ReadAsync(_token)) ids.Add(reader.GetValue(0).ToString()!);
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    [Fact]
    public async Task A_sweep_deletes_finished_deliveries_old_idempotency_records_and_disabled_endpoints_and_keeps_the_rest()
    {
        await DeliveryAsync("old_done", "succeeded", 1_000, attemptAt: 1_500);
        await DeliveryAsync("old_dead", "dead", 1_000);
        await DeliveryAsync("old_pending", "pending", 1_000, attemptAt: 1_500);
        await DeliveryAsync("old_but_redelivered", "succeeded", 1_000, attemptAt: 20_000);
        await DeliveryAsync("new_done", "succeeded", 20_000);
        await ReceivedAsync("old_done", "done", 1_000);
        await ReceivedAsync("old_abandoned", "processing", 1_000);
        await ReceivedAsync("claimed_within_its_lease", "processing", 9_000);
        await ReceivedAsync("new_done", "done", 20_000);
        await ExecuteAsync("INSERT INTO webhook_endpoints (url, disabled_at, reason) VALUES ('http://old/', 1000, '410'), ('http://new/', 20000, '410')");

        var sweep = await new RetentionStore(_database).SweepAsync(cutoff: 10_000, expiredClaims: 5_000, batchSize: 500, _token);

        Assert.Equal(new RetentionSweep(2, 2, 1), sweep);
        Assert.Equal(["new_done", "old_but_redelivered", "old_pending"], await IdsAsync("SELECT id FROM webhook_deliveries"));
        Assert.Equal(["old_but_redelivered", "old_pending"], await IdsAsync("SELECT delivery_id FROM webhook_attempts"));
        Assert.Equal(["claimed_within_its_lease", "new_done"], await IdsAsync("SELECT event_id FROM webhook_received"));
        Assert.Equal(["http://new/"], await IdsAsync("SELECT url FROM webhook_endpoints"));
    }

    [Fact]
    public async Task A_sweep_deletes_in_bounded_batches_each_committed_on_its_own()
    {
        await _database.Writer.WriteAsync(session =>
        {
            for (var i = 0; i < 1_200; i++)
            {
                var command = session.Command("INSERT INTO webhook_received (scope, event_id, state, claimed_at) VALUES ('/hooks', $id, 'done', 1000)");
                command.Parameters.AddWithValue("$id", "evt_" + i);
                command.ExecuteNonQuery();
            }
            return 0;
        }, _token);
        var commitsBefore = _database.Writer.Commits;

        var sweep = await new RetentionStore(_database).SweepAsync(cutoff: 10_000, expiredClaims: 10_000, batchSize: 500, _token);

        Assert.Equal(1_200, sweep.Received);
        // Deliveries: one empty batch; received: 500 + 500 + 200; endpoints: one empty batch.
        Assert.Equal(5, _database.Writer.Commits - commitsBefore);
        Assert.Empty(await IdsAsync("SELECT event_id FROM webhook_received"));
    }

    [Fact]
    public async Task A_delivery_batch_counts_the_attempts_it_deletes_against_the_row_budget()
    {
        await _database.Writer.WriteAsync(session =>
        {
            for (var i = 0; i < 30; i++)
            {
                var delivery = session.Command("""
                    INSERT INTO webhook_deliveries (id, event_id, event_type, url, secret, payload, status, attempts, next_attempt_at, created_at)
                    VALUES ($id, $id, 't', 'http://127.0.0.1/x', 'whsec_AAAA', x'7b7d', 'dead', 8, 0, 1000)
                    """);
                delivery.Parameters.AddWithValue("$id", "d" + i);
                delivery.ExecuteNonQuery();
                for (var n = 1; n <= 8; n++)
                {
                    var attempt = session.Command("INSERT INTO webhook_attempts (delivery_id, number, started_at, duration_ms) VALUES ($id, $n, 1500, 5)");
                    attempt.Parameters.AddWithValue("$id", "d" + i);
                    attempt.Parameters.AddWithValue("$n", n);
                    attempt.ExecuteNonQuery();
                }
            }
            return 0;
        }, _token);
        var commitsBefore = _database.Writer.Commits;

        // 30 deliveries x 9 rows = 270 rows; 100 rows per write is 11 deliveries (99 rows) a write: 3 writes.
        var sweep = await new RetentionStore(_database).SweepAsync(cutoff: 10_000, expiredClaims: 10_000, batchSize: 100, _token);

        Assert.Equal(30, sweep.Deliveries);
        Assert.Equal(3 + 1 + 1, _database.Writer.Commits - commitsBefore);
        Assert.Empty(await IdsAsync("SELECT delivery_id FROM webhook_attempts"));
    }

    [Fact]
    public async Task The_retention_service_sweeps_shortly_after_start_and_then_once_per_interval()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new WebhookOptions { Retention = TimeSpan.FromDays(7), RetentionInterval = TimeSpan.FromMinutes(10) });
        using var service = new WebhookRetentionService(new RetentionStore(_database), options, clock, new IdleLifetime(), NullLogger<WebhookRetentionService>.Instance);
        var sweeps = new List<DateTimeOffset>();
        service.Swept += _ =>
        {
            lock (sweeps) sweeps.Add(clock.GetUtcNow());
        };
        int Count()
        {
            lock (sweeps) return sweeps.Count;
        }
        var started = clock.GetUtcNow();
        await service.StartAsync(_token);
        await Eventually.HoldsAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return Count() >= 1;
        }, "the first sweep ran");
        Assert.True(sweeps[0] - started < TimeSpan.FromMinutes(1), $"the first sweep ran {sweeps[0] - started} after start");

        var eightDaysAgo = (clock.GetUtcNow() - TimeSpan.FromDays(8)).ToUnixTimeMilliseconds();
        await ReceivedAsync("old", "done", eightDaysAgo);
        await Eventually.HoldsAsync(() =>
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            return Count() >= 2;
        }, "the second sweep ran");
        Assert.True(sweeps[1] - sweeps[0] >= TimeSpan.FromMinutes(10), $"the second sweep ran {sweeps[1] - sweeps[0]} after the first");
        Assert.Empty(await IdsAsync("SELECT event_id FROM webhook_received"));
        await service.StopAsync(_token);
    }

    [Fact]
    public void AddWebhooks_registers_the_retention_service_as_a_hosted_service()
    {
        using var provider = new ServiceCollection().AddLogging().AddWebhooks(new ConfigurationBuilder().Build())
            .AddSingleton<IHostApplicationLifetime, IdleLifetime>()
            .AddSingleton<IHostEnvironment>(new StubEnvironment(_directory)).BuildServiceProvider();
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is WebhookRetentionService);
    }

    [Theory]
    [InlineData("Webhooks:Retention", "00:00:00", "Retention")]
    [InlineData("Webhooks:RetentionInterval", "-00:01:00", "RetentionInterval")]
    [InlineData("Webhooks:MaxDatabaseBytes", "1024", "MaxDatabaseBytes")]
    [InlineData("Webhooks:Sender:MaxRedeliveries", "-1", "MaxRedeliveries")]
    public void Unusable_retention_ceiling_and_redelivery_settings_are_configuration_errors(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var provider = new ServiceCollection().AddLogging().AddWebhooks(configuration).BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WebhookOptions>>().Value);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private sealed class IdleLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }

    private sealed class StubEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "Test";

        public string ContentRootPath { get; set; } = root;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
