using Xunit;

namespace Workshop.Labs.Tests.Labs;

/// <summary>Lab 05: the solution passes every task; the start fails each task it leaves as TODO.</summary>
[Collection(LabsCollection.Name)]
public sealed class Lab05SseResumeTests(LabSuiteFixture suite)
{
    [Fact, Trait("Lab", "05"), Trait("Task", "ids"), Trait("Points", "2")]
    public Task Solution_gives_every_event_an_increasing_id() => LabAssert.TaskPassesAsync(suite, "05", "ids");

    [Fact, Trait("Lab", "05"), Trait("Task", "ids"), Trait("Points", "2")]
    public Task Start_fails_the_ids_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "05", "ids");

    [Fact, Trait("Lab", "05"), Trait("Task", "replay"), Trait("Points", "3")]
    public Task Solution_replays_everything_after_Last_Event_ID() => LabAssert.TaskPassesAsync(suite, "05", "replay");

    [Fact, Trait("Lab", "05"), Trait("Task", "replay"), Trait("Points", "3")]
    public Task Start_fails_the_replay_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "05", "replay");

    [Fact, Trait("Lab", "05"), Trait("Task", "retry"), Trait("Points", "1")]
    public Task Solution_tells_the_browser_when_to_retry() => LabAssert.TaskPassesAsync(suite, "05", "retry");

    [Fact, Trait("Lab", "05"), Trait("Task", "retry"), Trait("Points", "1")]
    public Task Start_fails_the_retry_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "05", "retry");

    [Fact, Trait("Lab", "05"), Trait("Task", "heartbeat"), Trait("Points", "1")]
    public Task Solution_heartbeats_an_idle_stream() => LabAssert.TaskPassesAsync(suite, "05", "heartbeat");

    [Fact, Trait("Lab", "05"), Trait("Task", "heartbeat"), Trait("Points", "1")]
    public Task Start_fails_the_heartbeat_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "05", "heartbeat");

    [Fact, Trait("Lab", "05"), Trait("Task", "page"), Trait("Points", "3")]
    public Task Solution_page_loses_nothing_across_a_server_side_drop() => LabAssert.TaskPassesAsync(suite, "05", "page");

    [Fact, Trait("Lab", "05"), Trait("Task", "page"), Trait("Points", "3")]
    public Task Start_fails_the_page_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "05", "page");
}
