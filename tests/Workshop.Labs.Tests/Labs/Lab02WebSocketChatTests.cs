using Xunit;

namespace Workshop.Labs.Tests.Labs;

/// <summary>Lab 02: the solution passes every task; the start fails each task it leaves as TODO.</summary>
[Collection(LabsCollection.Name)]
public sealed class Lab02WebSocketChatTests(LabSuiteFixture suite)
{
    [Fact, Trait("Lab", "02"), Trait("Task", "join"), Trait("Points", "2")]
    public Task Solution_requires_a_name_and_announces_joins() => LabAssert.TaskPassesAsync(suite, "02", "join");

    [Fact, Trait("Lab", "02"), Trait("Task", "join"), Trait("Points", "2")]
    public Task Start_fails_the_join_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "02", "join");

    [Fact, Trait("Lab", "02"), Trait("Task", "broadcast"), Trait("Points", "3")]
    public Task Solution_broadcasts_every_message_in_order() => LabAssert.TaskPassesAsync(suite, "02", "broadcast");

    [Fact, Trait("Lab", "02"), Trait("Task", "broadcast"), Trait("Points", "3")]
    public Task Start_fails_the_broadcast_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "02", "broadcast");

    [Fact, Trait("Lab", "02"), Trait("Task", "leave"), Trait("Points", "2")]
    public Task Solution_announces_leaves_even_of_vanished_members() => LabAssert.TaskPassesAsync(suite, "02", "leave");

    [Fact, Trait("Lab", "02"), Trait("Task", "leave"), Trait("Points", "2")]
    public Task Start_fails_the_leave_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "02", "leave");

    [Fact, Trait("Lab", "02"), Trait("Task", "page"), Trait("Points", "3")]
    public Task Solution_page_lets_two_tabs_chat() => LabAssert.TaskPassesAsync(suite, "02", "page");

    [Fact, Trait("Lab", "02"), Trait("Task", "page"), Trait("Points", "3")]
    public Task Start_fails_the_page_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "02", "page");
}
