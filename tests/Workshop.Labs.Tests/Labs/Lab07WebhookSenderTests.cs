using Xunit;

namespace Workshop.Labs.Tests.Labs;

/// <summary>Lab 07: the solution passes every task; the start fails each task it leaves as TODO.</summary>
[Collection(LabsCollection.Name)]
public sealed class Lab07WebhookSenderTests(LabSuiteFixture suite)
{
    [Fact, Trait("Lab", "07"), Trait("Task", "sign"), Trait("Points", "3")]
    public Task Solution_signs_with_standard_webhooks_headers() => LabAssert.TaskPassesAsync(suite, "07", "sign");

    [Fact, Trait("Lab", "07"), Trait("Task", "sign"), Trait("Points", "3")]
    public Task Start_fails_the_sign_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "07", "sign");

    [Fact, Trait("Lab", "07"), Trait("Task", "retry"), Trait("Points", "3")]
    public Task Solution_retries_until_a_2xx_with_capped_exponential_backoff_and_the_same_id() => LabAssert.TaskPassesAsync(suite, "07", "retry");

    [Fact, Trait("Lab", "07"), Trait("Task", "retry"), Trait("Points", "3")]
    public Task Start_fails_the_retry_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "07", "retry");

    [Fact, Trait("Lab", "07"), Trait("Task", "outbox"), Trait("Points", "2")]
    public Task Solution_delivers_a_pending_event_after_a_crash() => LabAssert.TaskPassesAsync(suite, "07", "outbox");

    [Fact, Trait("Lab", "07"), Trait("Task", "outbox"), Trait("Points", "2")]
    public Task Start_fails_the_outbox_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "07", "outbox");

    [Fact, Trait("Lab", "07"), Trait("Task", "page"), Trait("Points", "2")]
    public Task Solution_page_shows_the_attempt_timeline() => LabAssert.TaskPassesAsync(suite, "07", "page");

    [Fact, Trait("Lab", "07"), Trait("Task", "page"), Trait("Points", "2")]
    public Task Start_fails_the_page_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "07", "page");
}
