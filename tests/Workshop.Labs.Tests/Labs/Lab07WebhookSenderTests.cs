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

    // The start calls every event delivered after its first attempt, whatever the answer: the retry checks end there
    // (a final event gets no further attempt) and say so, instead of waiting 8–10 s for attempts that cannot come.
    [Fact, Trait("Lab", "07"), Trait("Task", "retry")]
    public Task Start_retry_check_fails_because_the_event_was_final_after_a_500() =>
        LabAssert.CheckFailsOnStartBecauseAsync(suite, "07", "retries until a 2xx, with the same id, never following redirects", "is already \"delivered\" after 1 attempt(s), answered [500]");

    [Fact, Trait("Lab", "07"), Trait("Task", "retry")]
    public Task Start_backoff_check_fails_because_the_event_was_final_after_a_503() =>
        LabAssert.CheckFailsOnStartBecauseAsync(suite, "07", "backs off exponentially up to a cap, then gives up", "is already \"delivered\" after 1 attempt(s), answered [503]");

    [Fact, Trait("Lab", "07"), Trait("Task", "outbox")]
    public Task Start_outbox_check_fails_because_nothing_was_pending_before_the_crash() =>
        LabAssert.CheckFailsOnStartBecauseAsync(suite, "07", "a pending event survives a crash", "before the crash, after 1 attempt(s) answered 503");
}
