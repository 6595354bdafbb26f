using Xunit;

namespace Workshop.Labs.Tests.Labs;

/// <summary>Lab 04: the solution passes every task; the start fails each task it leaves as TODO.</summary>
[Collection(LabsCollection.Name)]
public sealed class Lab04SseLiveFeedTests(LabSuiteFixture suite)
{
    [Fact, Trait("Lab", "04"), Trait("Task", "hello"), Trait("Points", "3")]
    public Task Solution_answers_as_an_event_stream_that_says_hello_first() => LabAssert.TaskPassesAsync(suite, "04", "hello");

    [Fact, Trait("Lab", "04"), Trait("Task", "hello"), Trait("Points", "3")]
    public Task Start_fails_the_hello_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "04", "hello");

    [Fact, Trait("Lab", "04"), Trait("Task", "headers"), Trait("Points", "2")]
    public Task Solution_keeps_caches_out() => LabAssert.TaskPassesAsync(suite, "04", "headers");

    [Fact, Trait("Lab", "04"), Trait("Task", "headers"), Trait("Points", "2")]
    public Task Start_fails_the_headers_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "04", "headers");

    [Fact, Trait("Lab", "04"), Trait("Task", "feed"), Trait("Points", "3")]
    public Task Solution_broadcasts_each_goal_to_every_watcher() => LabAssert.TaskPassesAsync(suite, "04", "feed");

    [Fact, Trait("Lab", "04"), Trait("Task", "feed"), Trait("Points", "3")]
    public Task Start_fails_the_feed_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "04", "feed");

    [Fact, Trait("Lab", "04"), Trait("Task", "page"), Trait("Points", "2")]
    public Task Solution_page_shows_the_live_score() => LabAssert.TaskPassesAsync(suite, "04", "page");

    [Fact, Trait("Lab", "04"), Trait("Task", "page"), Trait("Points", "2")]
    public Task Start_fails_the_page_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "04", "page");

    // The start's page never opens an EventSource: the page check says so (and ends then, not at its 4 s wait).
    [Fact, Trait("Lab", "04"), Trait("Task", "page")]
    public Task Start_page_check_fails_because_the_page_never_asks_for_the_stream() =>
        LabAssert.CheckFailsOnStartBecauseAsync(suite, "04", "page shows the live score", "the page never requested GET /events");

    // The start's /events never sends its headers: the first headers check waits its 3 s, the second of the same task
    // names that cause at once instead of waiting again.
    [Fact, Trait("Lab", "04"), Trait("Task", "headers")]
    public Task Start_headers_checks_name_the_missing_response_headers() =>
        LabAssert.CheckFailsOnStartBecauseAsync(suite, "04", "is not cached", "GET /events sent no response headers within 3 s");

    [Fact, Trait("Lab", "04"), Trait("Task", "headers")]
    public Task Start_second_headers_check_recalls_the_first_ones_cause_without_waiting_again() =>
        LabAssert.CheckFailsOnStartBecauseAsync(suite, "04", "asks proxies not to buffer", "(in an earlier check of this task; not waited for again)");

    // Another task's check never recalls it: the feed task's own check still tries GET /events for itself.
    [Fact, Trait("Lab", "04"), Trait("Task", "feed")]
    public async Task Start_feed_check_tries_the_stream_itself_rather_than_recalling_another_tasks_cause()
    {
        await LabAssert.CheckFailsOnStartBecauseAsync(suite, "04", "broadcasts goals", "GET /events sent no response headers within 3 s");
        var report = await suite.ReportAsync("04", LabTarget.Start);
        Assert.DoesNotContain("earlier check", report.Results.Single(r => r.Check == "broadcasts goals").Observed, StringComparison.Ordinal);
    }
}
