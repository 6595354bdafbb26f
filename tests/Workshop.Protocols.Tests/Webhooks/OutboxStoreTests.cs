using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Workshop.Protocols.Webhooks;

namespace Workshop.Protocols.Tests.Webhooks;

public sealed class OutboxStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "workshop-outbox-" + Guid.NewGuid().ToString("N"));
    private readonly WebhookDatabase _database;
    private readonly OutboxStore _store;
    private readonly CancellationToken _token = CancellationToken.None;

    public OutboxStoreTests()
    {
        _database = new WebhookDatabase(_directory);
        _store = new OutboxStore(_database);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private Task InsertAsync(string id, long at = 1000)
        => _store.InsertAsync(new OutboxRow(id, "msg_" + id, "test", "http://127.0.0.1/x", "whsec_AAAA", [1, 2], 0), at, _token);

    [Fact]
    public async Task Database_runs_in_wal_mode()
    {
        await using var connection = await _database.OpenAsync(_token);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(_token));
    }

    [Fact]
    public async Task A_claimed_delivery_is_not_claimed_again_while_its_lease_lasts()
    {
        await InsertAsync("a");
        Assert.Single(await _store.ClaimDueAsync("one", now: 1000, leaseUntil: 2000, limit: 10, _token));
        Assert.Empty(await _store.ClaimDueAsync("two", now: 1999, leaseUntil: 3000, limit: 10, _token));
    }

    [Fact]
    public async Task A_lease_left_by_a_crashed_dispatcher_expires_and_the_delivery_is_claimed_again()
    {
        await InsertAsync("a");
        await _store.ClaimDueAsync("crashed", 1000, 2000, 10, _token);
        var reclaimed = await _store.ClaimDueAsync("restarted", 2000, 3000, 10, _token);
        Assert.Equal("a", Assert.Single(reclaimed).Id);
        // The crashed owner can no longer write a result over the new owner's.
        Assert.False(await _store.FinishAsync("crashed", "a", null, "succeeded", 1, 0, null, _token));
        Assert.True(await _store.FinishAsync("restarted", "a", null, "succeeded", 1, 0, null, _token));
    }

    [Fact]
    public async Task Only_due_deliveries_are_claimed_up_to_the_limit_oldest_first()
    {
        await InsertAsync("early", 1000);
        await InsertAsync("late", 5000);
        await InsertAsync("middle", 2000);
        var claimed = await _store.ClaimDueAsync("one", 3000, 9000, 1, _token);
        Assert.Equal("early", Assert.Single(claimed).Id);
        Assert.Equal("middle", Assert.Single(await _store.ClaimDueAsync("one", 3000, 9000, 10, _token)).Id);
    }

    [Fact]
    public async Task Concurrent_claimers_never_share_a_delivery()
    {
        for (var i = 0; i < 40; i++) await InsertAsync("d" + i);
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() => _store.ClaimDueAsync("owner" + n, 1000, 5000, 10, _token))));
        var ids = claims.SelectMany(c => c).Select(r => r.Id).ToList();
        Assert.Equal(40, ids.Count);
        Assert.Equal(40, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_retry_is_not_due_before_its_next_attempt_time_and_keeps_the_attempt_log()
    {
        await InsertAsync("a");
        await _store.ClaimDueAsync("one", 1000, 2000, 10, _token);
        var attempt = new DeliveryAttempt(1, DateTimeOffset.FromUnixTimeMilliseconds(1000), TimeSpan.FromMilliseconds(12), 500, "500");
        Assert.True(await _store.FinishAsync("one", "a", attempt, "pending", 1, nextAttemptAt: 4000, "500", _token));
        Assert.Empty(await _store.ClaimDueAsync("one", 3999, 9000, 10, _token));
        Assert.Equal(1, Assert.Single(await _store.ClaimDueAsync("one", 4000, 9000, 10, _token)).Attempts);
        var delivery = await new OutboxReader(_database).GetAsync("a", _token);
        Assert.Equal(500, Assert.Single(delivery!.AttemptLog).StatusCode);
    }

    [Fact]
    public async Task Redelivery_makes_a_dead_letter_pending_again_and_re_enables_its_endpoint()
    {
        await InsertAsync("a");
        await _store.ClaimDueAsync("one", 1000, 2000, 10, _token);
        await _store.FinishAsync("one", "a", null, "dead", 3, 0, "gone", _token);
        await _store.DisableEndpointAsync("http://127.0.0.1/x", 1000, "410", _token);
        Assert.Equal(RedeliveryOutcome.Redelivered, await _store.RedeliverAsync("a", 5000, 3, _token));
        Assert.False(await _store.IsEndpointDisabledAsync("http://127.0.0.1/x", _token));
        Assert.Equal(RedeliveryOutcome.StillPending, await _store.RedeliverAsync("a", 5000, 3, _token));
        var claimed = Assert.Single(await _store.ClaimDueAsync("one", 5000, 9000, 10, _token));
        Assert.Equal(0, claimed.Attempts);
        Assert.Equal("msg_a", claimed.EventId);
    }

    [Fact]
    public async Task A_claim_says_whether_the_delivery_endpoint_is_disabled()
    {
        await InsertAsync("a");
        Assert.False(Assert.Single(await _store.ClaimDueAsync("one", 1000, 2000, 10, _token)).EndpointDisabled);
        await _store.DisableEndpointAsync("http://127.0.0.1/x", 1000, "410", _token);
        Assert.True(Assert.Single(await _store.ClaimDueAsync("one", 2000, 3000, 10, _token)).EndpointDisabled);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "Success")]
    [InlineData(HttpStatusCode.NoContent, "Success")]
    [InlineData(HttpStatusCode.Found, "Retry")]
    [InlineData(HttpStatusCode.PermanentRedirect, "Retry")]
    [InlineData(HttpStatusCode.Gone, "DisableEndpoint")]
    [InlineData(HttpStatusCode.InternalServerError, "Retry")]
    [InlineData(HttpStatusCode.BadRequest, "Retry")]
    public void Only_2xx_counts_as_success_and_410_disables(HttpStatusCode status, string expected)
    {
        using var response = new HttpResponseMessage(status);
        Assert.Equal(expected, AttemptOutcome.Classify(response, DateTimeOffset.UnixEpoch).Verdict.ToString());
    }

    [Fact]
    public void Retry_after_is_read_from_429_and_503_answers()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var tooMany = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        tooMany.Headers.TryAddWithoutValidation("Retry-After", "7");
        Assert.Equal(TimeSpan.FromSeconds(7), AttemptOutcome.Classify(tooMany, clock.GetUtcNow()).RetryAfter);
        using var unavailable = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        unavailable.Headers.TryAddWithoutValidation("Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT");
        Assert.Equal(TimeSpan.FromSeconds(30), AttemptOutcome.Classify(unavailable, clock.GetUtcNow()).RetryAfter);
        using var error = new HttpResponseMessage(HttpStatusCode.InternalServerError);
        error.Headers.TryAddWithoutValidation("Retry-After", "7");
        Assert.Null(AttemptOutcome.Classify(error, clock.GetUtcNow()).RetryAfter);
    }
}
