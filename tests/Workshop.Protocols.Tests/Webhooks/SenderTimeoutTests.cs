using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Workshop.Protocols.Webhooks;
using Workshop.Testing;

namespace Workshop.Protocols.Tests.Webhooks;

public sealed class SenderTimeoutTests
{
    [Fact]
    public async Task Sender_gives_up_an_attempt_after_the_attempt_timeout_and_retries()
    {
        var calls = 0;
        await using var host = await WebhookTestHost.StartAsync(
            app => app.MapPost("/slow", async (HttpContext context) =>
            {
                Interlocked.Increment(ref calls);
                // Never answers on its own: only the sender's per-attempt timeout ends the request.
                await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
                return Results.Ok();
            }),
            new Dictionary<string, string?> { ["Webhooks:Sender:AttemptTimeout"] = "00:00:02", ["Webhooks:Sender:MaxAttempts"] = "2" });
        var sender = host.Services.GetRequiredService<WebhookSender>();
        var delivery = await sender.EnqueueAsync(
            new WebhookMessage(new Uri(host.BaseAddress, "slow"), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "t", Encoding.UTF8.GetBytes("{}")),
            CancellationToken.None);

        WebhookDelivery? seen = null;
        await Eventually.HoldsAsync(async () => (seen = await sender.GetAsync(delivery.Id, CancellationToken.None))?.Status == DeliveryStatus.DeadLettered,
            "the delivery is dead-lettered after two timed-out attempts");
        Assert.Equal(2, seen!.AttemptLog.Count);
        Assert.All(seen.AttemptLog, a =>
        {
            Assert.Null(a.StatusCode);
            // The deadline counts from the claim (DeliveryRunner), so a loaded machine shortens the send itself:
            // what the endpoint proves is that only the timeout ended each attempt (it never answers).
            Assert.StartsWith("No answer within 2 s", a.Error, StringComparison.Ordinal);
        });
        // The timeout is long enough for a request to reach the endpoint on a loaded machine; a second attempt may
        // still time out on the way.
        Assert.InRange(Volatile.Read(ref calls), 1, 2);
    }
}
