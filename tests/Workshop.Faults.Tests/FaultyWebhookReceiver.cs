using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Workshop.Protocols.Webhooks;
using Workshop.Testing.Hosting;

namespace Workshop.Faults.Tests;

/// <summary>
/// The library's idempotent Standard Webhooks receiver on a <see cref="TestHost"/>, behind a fault injector that fails a share
/// of requests: a third of the failures answer 500 before the receiver sees them, a third hang until the sender
/// gives up (a timeout), and a third are processed and then answered 502 (the sender must retry an event the
/// receiver already handled: only idempotency keeps it from being processed twice).
/// </summary>
internal sealed class FaultyWebhookReceiver : IAsyncDisposable
{
    private TestHost _host = null!;
    private readonly Random _random = new(20261125);
    private readonly Lock _gate = new();
    private int _requests;
    private int _failedBefore;
    private int _hung;
    private int _failedAfter;

    public Uri Url => _host.Http("/hook");

    /// <summary>How many times the handler ran per event id, and when it first did.</summary>
    public ConcurrentDictionary<string, int> Processed { get; } = new();

    /// <summary>When the first request for each event id arrived (for the retry latency).</summary>
    public ConcurrentDictionary<string, long> FirstSeen { get; } = new();

    public ConcurrentDictionary<string, long> ProcessedAt { get; } = new();

    public int Requests => Volatile.Read(ref _requests);

    public string FaultSummary => $"{_failedBefore} answered 500 unprocessed, {_hung} left hanging (timeouts), {_failedAfter} processed then answered 502";

    public static async Task<FaultyWebhookReceiver> StartAsync(string secret, double failureRate, string dataDirectory)
    {
        var receiver = new FaultyWebhookReceiver();
        var settings = new Dictionary<string, string?>
        {
            ["Workshop:DataDirectory"] = dataDirectory,
            ["Webhooks:Sender:Enabled"] = "false",
            ["Webhooks:Receiver:IdempotencyStore"] = "InMemory", // the receiver is never killed in this test
        };
        receiver._host = await TestHost.StartAsync(app =>
        {
            app.Use((context, next) => receiver.InjectAsync(context, next, failureRate));
            app.MapWebhookReceiver("/hook", new StandardWebhookVerifier(secret), (evt, _) =>
            {
                receiver.Processed.AddOrUpdate(evt.EventId, 1, (_, n) => n + 1);
                receiver.ProcessedAt.TryAdd(evt.EventId, System.Diagnostics.Stopwatch.GetTimestamp());
                return Task.CompletedTask;
            });
        }, builder => builder.Services.AddWebhooks(builder.Configuration), settings);
        return receiver;
    }

    private async Task InjectAsync(HttpContext context, RequestDelegate next, double failureRate)
    {
        Interlocked.Increment(ref _requests);
        var id = context.Request.Headers[StandardWebhookVerifier.IdHeader].ToString();
        FirstSeen.TryAdd(id, System.Diagnostics.Stopwatch.GetTimestamp());
        double roll;
        lock (_gate) roll = _random.NextDouble();
        var slice = failureRate / 3;
        if (roll < slice)
        {
            Interlocked.Increment(ref _failedBefore);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }
        if (roll < 2 * slice)
        {
            Interlocked.Increment(ref _hung);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted); // the sender's attempt timeout ends it
            }
            catch (OperationCanceledException)
            {
                // The sender gave up, as intended.
            }
            return;
        }
        if (roll < failureRate)
        {
            Interlocked.Increment(ref _failedAfter);
            var original = context.Response.Body;
            await using var swallowed = new MemoryStream();
            context.Response.Body = swallowed; // processed, but the answer is lost on the way back
            await next(context);
            context.Response.Body = original;
            if (context.Response.HasStarted)
            {
                context.Abort(); // too late to change the status: drop the connection instead
                return;
            }
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }
        await next(context);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
