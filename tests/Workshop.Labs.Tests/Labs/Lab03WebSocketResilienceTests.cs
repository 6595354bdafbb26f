using Xunit;

namespace Workshop.Labs.Tests.Labs;

/// <summary>Lab 03: the solution passes every task; the start fails each task it leaves as TODO.</summary>
[Collection(LabsCollection.Name)]
public sealed class Lab03WebSocketResilienceTests(LabSuiteFixture suite)
{
    [Fact, Trait("Lab", "03"), Trait("Task", "limit"), Trait("Points", "2")]
    public Task Solution_refuses_oversized_messages_with_1009() => LabAssert.TaskPassesAsync(suite, "03", "limit");

    [Fact, Trait("Lab", "03"), Trait("Task", "limit"), Trait("Points", "2")]
    public Task Start_fails_the_limit_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "03", "limit");

    [Fact, Trait("Lab", "03"), Trait("Task", "origin"), Trait("Points", "2")]
    public Task Solution_refuses_foreign_origins_with_403() => LabAssert.TaskPassesAsync(suite, "03", "origin");

    [Fact, Trait("Lab", "03"), Trait("Task", "origin"), Trait("Points", "2")]
    public Task Start_fails_the_origin_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "03", "origin");

    [Fact, Trait("Lab", "03"), Trait("Task", "keepalive"), Trait("Points", "2")]
    public Task Solution_pings_clients_and_drops_dead_peers() => LabAssert.TaskPassesAsync(suite, "03", "keepalive");

    [Fact, Trait("Lab", "03"), Trait("Task", "keepalive"), Trait("Points", "2")]
    public Task Start_fails_the_keepalive_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "03", "keepalive");

    [Fact, Trait("Lab", "03"), Trait("Task", "page"), Trait("Points", "4")]
    public Task Solution_page_reconnects_with_backoff_and_shows_its_state() => LabAssert.TaskPassesAsync(suite, "03", "page");

    [Fact, Trait("Lab", "03"), Trait("Task", "page"), Trait("Points", "4")]
    public Task Start_fails_the_page_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "03", "page");
}
