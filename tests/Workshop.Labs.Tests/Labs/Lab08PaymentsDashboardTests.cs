using Xunit;

namespace Workshop.Labs.Tests.Labs;

/// <summary>Lab 08 (capstone): the solution passes every task; the start fails each task it leaves as TODO.</summary>
[Collection(LabsCollection.Name)]
public sealed class Lab08PaymentsDashboardTests(LabSuiteFixture suite)
{
    [Fact, Trait("Lab", "08"), Trait("Task", "verify"), Trait("Points", "3")]
    public Task Solution_accepts_only_signed_fresh_untampered_webhooks() => LabAssert.TaskPassesAsync(suite, "08", "verify");

    [Fact, Trait("Lab", "08"), Trait("Task", "verify"), Trait("Points", "3")]
    public Task Start_fails_the_verify_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "08", "verify");

    [Fact, Trait("Lab", "08"), Trait("Task", "idempotent"), Trait("Points", "2")]
    public Task Solution_counts_a_redelivered_webhook_once() => LabAssert.TaskPassesAsync(suite, "08", "idempotent");

    [Fact, Trait("Lab", "08"), Trait("Task", "idempotent"), Trait("Points", "2")]
    public Task Start_fails_the_idempotent_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "08", "idempotent");

    [Fact, Trait("Lab", "08"), Trait("Task", "dashboard"), Trait("Points", "3")]
    public Task Solution_streams_payments_with_ids_and_replays_after_Last_Event_ID() => LabAssert.TaskPassesAsync(suite, "08", "dashboard");

    [Fact, Trait("Lab", "08"), Trait("Task", "dashboard"), Trait("Points", "3")]
    public Task Start_fails_the_dashboard_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "08", "dashboard");

    [Fact, Trait("Lab", "08"), Trait("Task", "ops"), Trait("Points", "3")]
    public Task Solution_announces_payments_and_lets_operators_talk() => LabAssert.TaskPassesAsync(suite, "08", "ops");

    [Fact, Trait("Lab", "08"), Trait("Task", "ops"), Trait("Points", "3")]
    public Task Start_fails_the_ops_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "08", "ops");

    [Fact, Trait("Lab", "08"), Trait("Task", "page"), Trait("Points", "4")]
    public Task Solution_page_shows_payments_in_dashboard_and_chat_and_keeps_XSS_inert() => LabAssert.TaskPassesAsync(suite, "08", "page");

    [Fact, Trait("Lab", "08"), Trait("Task", "page"), Trait("Points", "4")]
    public Task Start_fails_the_page_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "08", "page");

    [Fact, Trait("Lab", "08"), Trait("Task", "razorpay"), Trait("Points", "3")]
    public Task Solution_accepts_razorpay_events_verified_over_the_raw_body_once_per_event_id() => LabAssert.TaskPassesAsync(suite, "08", "razorpay");

    [Fact, Trait("Lab", "08"), Trait("Task", "razorpay"), Trait("Points", "3")]
    public Task Start_fails_the_razorpay_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "08", "razorpay");

    // The start's page opens no WebSocket, so #ops-state can never say online: both page checks say so and end then.
    [Fact, Trait("Lab", "08"), Trait("Task", "page")]
    public Task Start_page_check_fails_because_the_page_opens_no_websocket() =>
        LabAssert.CheckFailsOnStartBecauseAsync(suite, "08", "a payment shows in the dashboard and the chat", "(the page opened no WebSocket)");

    [Fact, Trait("Lab", "08"), Trait("Task", "page")]
    public Task Start_xss_page_check_fails_because_the_page_opens_no_websocket() =>
        LabAssert.CheckFailsOnStartBecauseAsync(suite, "08", "an XSS payload stays inert", "(the page opened no WebSocket)");
}
