using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Workshop.Protocols.Webhooks;

namespace Workshop.Protocols.Tests.Webhooks;

public sealed class IdempotencyStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "workshop-idem-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly CancellationToken _token = CancellationToken.None;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private IIdempotencyStore Create(string kind) => kind == "sqlite"
        ? new SqliteIdempotencyStore(new WebhookDatabase(_directory), _clock, TimeSpan.FromMinutes(1))
        : new InMemoryIdempotencyStore(_clock, TimeSpan.FromMinutes(1));

    [Theory]
    [InlineData("sqlite")]
    [InlineData("memory")]
    public async Task A_completed_event_is_a_duplicate_and_an_unfinished_one_is_in_progress(string kind)
    {
        var store = Create(kind);
        Assert.Equal(IdempotencyClaim.Claimed, await store.TryClaimAsync("s", "e1", _token));
        Assert.Equal(IdempotencyClaim.InProgress, await store.TryClaimAsync("s", "e1", _token));
        Assert.Equal(IdempotencyClaim.Claimed, await store.TryClaimAsync("other-scope", "e1", _token));
        await store.CompleteAsync("s", "e1", _token);
        Assert.Equal(IdempotencyClaim.AlreadyProcessed, await store.TryClaimAsync("s", "e1", _token));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("memory")]
    public async Task A_released_claim_can_be_claimed_again(string kind)
    {
        var store = Create(kind);
        await store.TryClaimAsync("s", "e1", _token);
        await store.ReleaseAsync("s", "e1", _token);
        Assert.Equal(IdempotencyClaim.Claimed, await store.TryClaimAsync("s", "e1", _token));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("memory")]
    public async Task An_abandoned_claim_is_taken_over_after_its_lease(string kind)
    {
        var store = Create(kind);
        await store.TryClaimAsync("s", "e1", _token);
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(IdempotencyClaim.InProgress, await store.TryClaimAsync("s", "e1", _token));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(IdempotencyClaim.Claimed, await store.TryClaimAsync("s", "e1", _token));
        Assert.Equal(IdempotencyClaim.InProgress, await store.TryClaimAsync("s", "e1", _token));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("memory")]
    public async Task Concurrent_claims_of_one_event_have_exactly_one_winner(string kind)
    {
        var store = Create(kind);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.TryClaimAsync("s", "race", _token))));
        Assert.Single(results, r => r == IdempotencyClaim.Claimed);
    }

    [Fact]
    public async Task The_sqlite_record_survives_a_new_store_on_the_same_file()
    {
        await Create("sqlite").TryClaimAsync("s", "e1", _token);
        await Create("sqlite").CompleteAsync("s", "e1", _token);
        Assert.Equal(IdempotencyClaim.AlreadyProcessed, await Create("sqlite").TryClaimAsync("s", "e1", _token));
    }
}
