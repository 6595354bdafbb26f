using Microsoft.Data.Sqlite;
using Workshop.Protocols.Webhooks;

namespace Workshop.Protocols.Tests.Webhooks;

public sealed class RedeliveryLimitTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "workshop-redelivery-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationToken _token = CancellationToken.None;
    private WebhookDatabase _database = null!;
    private OutboxStore _store = null!;

    public async Task InitializeAsync()
    {
        _database = new WebhookDatabase(_directory);
        _store = new OutboxStore(_database);
        await _store.InsertAsync(new OutboxRow("a", "msg_a", "test", "http://127.0.0.1/x", "whsec_AAAA", [1], 0), 1000, _token);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task FinishAsync(long now)
    {
        Assert.Single(await _store.ClaimDueAsync("me", now, now + 1000, 10, _token));
        Assert.True(await _store.FinishAsync("me", "a", null, "succeeded", 1, 0, null, _token));
    }

    [Fact]
    public async Task A_delivery_is_redelivered_at_most_MaxRedeliveries_times_and_then_the_limit_is_reached()
    {
        await FinishAsync(1000);
        for (var round = 1; round <= 3; round++)
        {
            Assert.Equal(RedeliveryOutcome.Redelivered, await _store.RedeliverAsync("a", 1000 + round, 3, _token));
            await FinishAsync(1000 + round);
        }
        Assert.Equal(RedeliveryOutcome.LimitReached, await _store.RedeliverAsync("a", 2000, 3, _token));
        Assert.Empty(await _store.ClaimDueAsync("me", 5000, 6000, 10, _token));
    }

    [Fact]
    public async Task A_pending_delivery_is_still_pending_and_its_redelivery_costs_nothing_from_the_limit()
    {
        Assert.Equal(RedeliveryOutcome.StillPending, await _store.RedeliverAsync("a", 1000, 1, _token));
        await FinishAsync(1000);
        Assert.Equal(RedeliveryOutcome.Redelivered, await _store.RedeliverAsync("a", 1001, 1, _token));
    }

    [Fact]
    public async Task An_unknown_delivery_is_not_found()
        => Assert.Equal(RedeliveryOutcome.NotFound, await _store.RedeliverAsync("nope", 1000, 3, _token));

    [Fact]
    public async Task Zero_redeliveries_allowed_means_none()
    {
        await FinishAsync(1000);
        Assert.Equal(RedeliveryOutcome.LimitReached, await _store.RedeliverAsync("a", 1001, 0, _token));
    }
}
