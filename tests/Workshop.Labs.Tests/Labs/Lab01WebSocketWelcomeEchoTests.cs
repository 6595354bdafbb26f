using Xunit;

namespace Workshop.Labs.Tests.Labs;

/// <summary>Lab 01: the solution passes every task; the start fails each task it leaves as TODO.</summary>
[Collection(LabsCollection.Name)]
public sealed class Lab01WebSocketWelcomeEchoTests(LabSuiteFixture suite)
{
    [Fact, Trait("Lab", "01"), Trait("Task", "welcome"), Trait("Points", "2")]
    public Task Solution_sends_Welcome_first() => LabAssert.TaskPassesAsync(suite, "01", "welcome");

    [Fact, Trait("Lab", "01"), Trait("Task", "welcome"), Trait("Points", "2")]
    public Task Start_fails_the_welcome_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "01", "welcome");

    [Fact, Trait("Lab", "01"), Trait("Task", "echo"), Trait("Points", "3")]
    public Task Solution_echoes_every_message_whole_and_in_order() => LabAssert.TaskPassesAsync(suite, "01", "echo");

    [Fact, Trait("Lab", "01"), Trait("Task", "echo"), Trait("Points", "3")]
    public Task Start_fails_the_echo_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "01", "echo");

    [Fact, Trait("Lab", "01"), Trait("Task", "close"), Trait("Points", "2")]
    public Task Solution_completes_the_close_handshake() => LabAssert.TaskPassesAsync(suite, "01", "close");

    [Fact, Trait("Lab", "01"), Trait("Task", "close"), Trait("Points", "2")]
    public Task Start_fails_the_close_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "01", "close");

    [Fact, Trait("Lab", "01"), Trait("Task", "page"), Trait("Points", "3")]
    public Task Solution_page_shows_and_sends_messages() => LabAssert.TaskPassesAsync(suite, "01", "page");

    [Fact, Trait("Lab", "01"), Trait("Task", "page"), Trait("Points", "3")]
    public Task Start_fails_the_page_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "01", "page");
}
