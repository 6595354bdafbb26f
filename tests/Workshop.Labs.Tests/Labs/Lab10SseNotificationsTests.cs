using Xunit;

namespace Workshop.Labs.Tests.Labs;

/// <summary>Lab 10: the solution passes every task; the start fails each task it leaves as TODO.</summary>
[Collection(LabsCollection.Name)]
public sealed class Lab10SseNotificationsTests(LabSuiteFixture suite)
{
    [Fact, Trait("Lab", "10"), Trait("Task", "login"), Trait("Points", "2")]
    public Task Solution_sets_an_HttpOnly_SameSite_cookie_and_refuses_requests_without_a_session() => LabAssert.TaskPassesAsync(suite, "10", "login");

    [Fact, Trait("Lab", "10"), Trait("Task", "login"), Trait("Points", "2")]
    public Task Start_fails_the_login_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "10", "login");

    [Fact, Trait("Lab", "10"), Trait("Task", "isolation"), Trait("Points", "3")]
    public Task Solution_sends_each_user_only_their_own_notifications() => LabAssert.TaskPassesAsync(suite, "10", "isolation");

    [Fact, Trait("Lab", "10"), Trait("Task", "isolation"), Trait("Points", "3")]
    public Task Start_fails_the_isolation_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "10", "isolation");

    [Fact, Trait("Lab", "10"), Trait("Task", "read"), Trait("Points", "2")]
    public Task Solution_counts_unread_and_marks_only_your_own_as_read_idempotently() => LabAssert.TaskPassesAsync(suite, "10", "read");

    [Fact, Trait("Lab", "10"), Trait("Task", "read"), Trait("Points", "2")]
    public Task Start_fails_the_read_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "10", "read");

    [Fact, Trait("Lab", "10"), Trait("Task", "resume"), Trait("Points", "1")]
    public Task Solution_replays_a_users_missed_notifications_after_Last_Event_ID() => LabAssert.TaskPassesAsync(suite, "10", "resume");

    [Fact, Trait("Lab", "10"), Trait("Task", "resume"), Trait("Points", "1")]
    public Task Start_fails_the_resume_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "10", "resume");

    [Fact, Trait("Lab", "10"), Trait("Task", "shared"), Trait("Points", "2")]
    public Task Solution_shares_one_stream_among_seven_tabs_and_hands_it_over() => LabAssert.TaskPassesAsync(suite, "10", "shared");

    [Fact, Trait("Lab", "10"), Trait("Task", "shared"), Trait("Points", "2")]
    public Task Start_fails_the_shared_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "10", "shared");
}
