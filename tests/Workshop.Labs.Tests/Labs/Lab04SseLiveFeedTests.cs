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
}
