using Xunit;

namespace Workshop.Labs.Tests.Labs;

/// <summary>Lab 06: the solution passes every task; the start fails each task it leaves as TODO.</summary>
[Collection(LabsCollection.Name)]
public sealed class Lab06WebhookReceiverTests(LabSuiteFixture suite)
{
    [Fact, Trait("Lab", "06"), Trait("Task", "signature"), Trait("Points", "3")]
    public Task Solution_verifies_signatures_over_the_raw_body() => LabAssert.TaskPassesAsync(suite, "06", "signature");

    [Fact, Trait("Lab", "06"), Trait("Task", "signature"), Trait("Points", "3")]
    public Task Start_fails_the_signature_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "06", "signature");

    [Fact, Trait("Lab", "06"), Trait("Task", "reject"), Trait("Points", "2")]
    public Task Solution_refuses_wrong_type_oversized_and_malformed_bodies_with_a_reason() => LabAssert.TaskPassesAsync(suite, "06", "reject");

    [Fact, Trait("Lab", "06"), Trait("Task", "reject"), Trait("Points", "2")]
    public Task Start_fails_the_reject_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "06", "reject");

    [Fact, Trait("Lab", "06"), Trait("Task", "idempotent"), Trait("Points", "3")]
    public Task Solution_gives_duplicate_deliveries_exactly_one_effect() => LabAssert.TaskPassesAsync(suite, "06", "idempotent");

    [Fact, Trait("Lab", "06"), Trait("Task", "idempotent"), Trait("Points", "3")]
    public Task Start_fails_the_idempotent_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "06", "idempotent");

    [Fact, Trait("Lab", "06"), Trait("Task", "page"), Trait("Points", "2")]
    public Task Solution_page_shows_received_events_live_as_text() => LabAssert.TaskPassesAsync(suite, "06", "page");

    [Fact, Trait("Lab", "06"), Trait("Task", "page"), Trait("Points", "2")]
    public Task Start_fails_the_page_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "06", "page");
}
