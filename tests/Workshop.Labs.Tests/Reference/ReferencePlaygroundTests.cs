using System.Text;
using Xunit;

namespace Workshop.Labs.Tests.Reference;

/// <summary>
/// The reference playground passes every lab check its public contract covers (each task's <c>reference</c> in
/// labs.json): the same checks that grade a learner's lab, run against the reference with the lab's paths mapped.
/// </summary>
[Collection(ReferenceCollection.Name)]
public sealed class ReferencePlaygroundTests(ReferencePlaygroundFixture reference)
{
    private async Task PassesAsync(string lab, string task)
    {
        var report = await reference.ReportAsync(lab);
        var results = report.Results.Where(r => r.Task == task).ToList();
        var covered = reference.Manifest.Find(lab)?.FindTask(task)?.Reference?.Checks ?? [];
        Assert.NotEmpty(covered);
        Assert.Equal(covered.Count, results.Count);
        var failed = results.Where(r => !r.Passed).ToList();
        var message = new StringBuilder($"the reference playground should pass lab {lab} task {task}:");
        foreach (var r in failed) message.Append($"\n  ✗ {r.Check}\n    expected: {r.Expected}\n    observed: {r.Observed}");
        Assert.True(failed.Count == 0, message.ToString());
    }

    [Fact, Trait("Lab", "01"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_01_welcome() => PassesAsync("01", "welcome");

    [Fact, Trait("Lab", "01"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_01_echo() => PassesAsync("01", "echo");

    [Fact, Trait("Lab", "01"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_01_close() => PassesAsync("01", "close");

    [Fact, Trait("Lab", "03"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_03_limit_on_ws_echo() => PassesAsync("03", "limit");

    [Fact, Trait("Lab", "03"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_03_origin_on_ws_echo() => PassesAsync("03", "origin");

    [Fact, Trait("Lab", "03"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_03_keepalive_on_ws_echo() => PassesAsync("03", "keepalive");

    [Fact, Trait("Lab", "04"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_04_hello() => PassesAsync("04", "hello");

    [Fact, Trait("Lab", "04"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_04_headers() => PassesAsync("04", "headers");

    [Fact, Trait("Lab", "05"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_05_heartbeat() => PassesAsync("05", "heartbeat");

    [Fact, Trait("Lab", "08"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_08_verify_on_webhooks_standard() => PassesAsync("08", "verify");

    [Fact, Trait("Lab", "08"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_08_razorpay_on_webhooks_razorpay() => PassesAsync("08", "razorpay");

    [Fact, Trait("Lab", "09"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_09_join_on_ws_game() => PassesAsync("09", "join");

    [Fact, Trait("Lab", "09"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_09_moves_on_ws_game() => PassesAsync("09", "moves");

    [Fact, Trait("Lab", "09"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_09_rejoin_on_ws_game() => PassesAsync("09", "rejoin");

    [Fact, Trait("Lab", "09"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_09_leave_on_ws_game() => PassesAsync("09", "leave");

    [Fact, Trait("Lab", "10"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_10_login() => PassesAsync("10", "login");

    [Fact, Trait("Lab", "10"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_10_isolation() => PassesAsync("10", "isolation");

    [Fact, Trait("Lab", "10"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_10_read() => PassesAsync("10", "read");

    [Fact, Trait("Lab", "10"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_10_resume() => PassesAsync("10", "resume");

    [Fact, Trait("Lab", "10"), Trait("Target", "Reference")]
    public Task Reference_passes_lab_10_shared_on_play_notifications() => PassesAsync("10", "shared");
}
