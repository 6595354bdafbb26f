using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Workshop.Protocols.Webhooks;
using Workshop.Testing;

namespace Workshop.Protocols.Tests.Webhooks;

/// <summary>The dispatcher as a pipeline: bounded concurrency, slots refilled as attempts end, no head-of-line blocking.</summary>
public sealed class DispatcherPipelineTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    // An attempt timeout far beyond every deadline below: only a pipeline that does not wait for the hanging
    // attempt can pass.
    private static readonly Dictionary<string, string?> LongAttempts = new()
    {
        ["Webhooks:Sender:AttemptTimeout"] = "00:05:00",
        ["Webhooks:Sender:LeaseDuration"] = "00:10:00",
    };

    private static Task<WebhookDelivery> EnqueueAsync(WebhookSender sender, WebhookTestHost host, string path)
        => sender.EnqueueAsync(
            new WebhookMessage(new Uri(host.BaseAddress, path), Secret, "payment.captured", Encoding.UTF8.GetBytes("{}")),
            CancellationToken.None);

    [Fact]
    public async Task A_hanging_endpoint_does_not_delay_a_delivery_to_a_healthy_endpoint()
    {
        var hangReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await WebhookTestHost.StartAsync(app =>
        {
            app.MapPost("/hang", async (HttpContext context) =>
            {
                hangReached.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
                return Results.Ok();
            });
            app.MapPost("/ok", () => Results.Ok());
        }, new Dictionary<string, string?>(LongAttempts) { ["Webhooks:Sender:MaxConcurrency"] = "4" });
        var sender = host.Services.GetRequiredService<WebhookSender>();

        var hanging = await EnqueueAsync(sender, host, "hang");
        await Eventually.WithinAsync(hangReached.Task, "the hanging endpoint to receive its request");
        var healthy = await EnqueueAsync(sender, host, "ok");

        await Eventually.HoldsAsync(async () => (await sender.GetAsync(healthy.Id, CancellationToken.None))?.Status == DeliveryStatus.Succeeded,
            "the healthy delivery is recorded as succeeded while the other attempt still hangs");
        var stillHanging = await sender.GetAsync(hanging.Id, CancellationToken.None);
        Assert.Equal(DeliveryStatus.Pending, stillHanging!.Status);
        Assert.Empty(stillHanging.AttemptLog); // its attempt is still in flight, not finished and retried
    }

    [Fact]
    public async Task The_dispatcher_claims_no_more_than_MaxConcurrency_deliveries_and_refills_a_slot_as_soon_as_one_ends()
    {
        var arrivals = Channel.CreateUnbounded<TaskCompletionSource>();
        var current = 0;
        var peak = 0;
        var openAll = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await WebhookTestHost.StartAsync(app => app.MapPost("/gate", async (HttpContext context) =>
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref peak, now);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await arrivals.Writer.WriteAsync(release);
            await Task.WhenAny(release.Task, openAll.Task).WaitAsync(context.RequestAborted);
            Interlocked.Decrement(ref current);
            return Results.Ok();
        }), new Dictionary<string, string?>(LongAttempts) { ["Webhooks:Sender:MaxConcurrency"] = "2" });
        var sender = host.Services.GetRequiredService<WebhookSender>();
        var deliveries = new List<WebhookDelivery>();
        for (var i = 0; i < 5; i++) deliveries.Add(await EnqueueAsync(sender, host, "gate"));

        var held = new ConcurrentQueue<TaskCompletionSource>();
        for (var i = 0; i < 2; i++) held.Enqueue(await Eventually.WithinAsync(arrivals.Reader.ReadAsync().AsTask(), $"request {i + 1} at the gate"));
        Assert.Equal(2, await LeasedCountAsync(host)); // a batch dispatcher would have claimed all five

        held.TryDequeue(out var first);
        first!.SetResult();
        held.Enqueue(await Eventually.WithinAsync(arrivals.Reader.ReadAsync().AsTask(), "a third request once a slot is free"));
        Assert.Equal(2, await LeasedCountAsync(host));

        openAll.SetResult();
        foreach (var d in deliveries)
        {
            await Eventually.HoldsAsync(async () => (await sender.GetAsync(d.Id, CancellationToken.None))?.Status == DeliveryStatus.Succeeded,
                $"delivery {d.Id} succeeds once the gate is open");
        }
        Assert.Equal(2, Volatile.Read(ref peak));
    }

    private static async Task<long> LeasedCountAsync(WebhookTestHost host)
    {
        await using var connection = await host.Services.GetRequiredService<WebhookDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM webhook_deliveries WHERE lease_owner IS NOT NULL";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
        }
    }
}
