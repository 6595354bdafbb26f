using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workshop.Protocols.Webhooks;
using Workshop.Testing;

namespace Workshop.Faults.Tests;

/// <summary>The outbox sender (the built playground, as a child process) against a receiver that fails 30 % of requests.</summary>
public sealed class WebhookFaultTests(ITestOutputHelper output, FigureLog figures) : IClassFixture<FigureLog>, IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("workshop-faults-").FullName;

    [Fact]
    public async Task Every_event_is_delivered_and_processed_once_despite_30_percent_failures_and_three_SIGKILLs_of_the_sender()
    {
        var count = Figures.Count("WORKSHOP_FAULT_WEBHOOK_EVENTS", 10_000);
        const int kills = 3;
        var secret = WebhookSecret.Generate();
        await using var receiver = await FaultyWebhookReceiver.StartAsync(secret, 0.30, Path.Combine(_data, "receiver"));

        Report($"data directory: {_data}");
        var clock = Stopwatch.StartNew();
        var eventIds = await EnqueueAsync(receiver.Url, secret, count);
        var enqueueTime = clock.Elapsed;

        clock.Restart();
        var sender = await StartSenderAsync();
        try
        {
            for (var k = 1; k <= kills; k++)
            {
                var threshold = count * k / (kills + 1);
                await Eventually.HoldsAsync(() => receiver.Processed.Count >= threshold || sender.HasExited,
                    $"{threshold} events processed before kill {k}", TimeSpan.FromSeconds(60));
                await sender.KillAsync(); // SIGKILL mid-flight: leased deliveries are retried by the next process
                Report($"SIGKILL {k} at {receiver.Processed.Count} processed ({clock.Elapsed.TotalSeconds:0.0} s)");
                await sender.DisposeAsync();
                sender = await StartSenderAsync();
            }
            try
            {
                await Eventually.HoldsAsync(() => receiver.Processed.Count >= count, $"all {count} events processed", TimeSpan.FromSeconds(150)); // ~30 s idle, ~60 s loaded
            }
            catch (TimeoutException)
            {
                Report($"stalled at {receiver.Processed.Count}/{count} processed, {receiver.Requests} requests; sender output:\n{sender.Output}");
                throw;
            }
        }
        finally
        {
            await sender.DisposeAsync();
        }
        var deliveryTime = clock.Elapsed;

        var duplicated = receiver.Processed.Values.Sum(n => n - 1);
        var lost = eventIds.Count(id => !receiver.Processed.ContainsKey(id));
        var unknown = receiver.Processed.Keys.Count(id => !eventIds.Contains(id));
        var retryLatency = receiver.ProcessedAt
            .Select(p => Stopwatch.GetElapsedTime(receiver.FirstSeen[p.Key], p.Value).TotalMilliseconds).ToList();
        Report($"events: {count}; enqueued in {enqueueTime.TotalSeconds:0.0} s; delivered in {deliveryTime.TotalSeconds:0.0} s with {kills} SIGKILLs");
        Report($"delivered: {receiver.Processed.Count}, lost: {lost}, processed twice: {duplicated}, unknown ids: {unknown}");
        Report($"requests at the receiver: {receiver.Requests} ({(double)receiver.Requests / count:0.00} per event); faults: {receiver.FaultSummary}");
        Report($"first request to processing: p50 {Figures.Ms(Figures.Percentile(retryLatency, 50))}, p99 {Figures.Ms(Figures.Percentile(retryLatency, 99))}, max {Figures.Ms(Figures.Percentile(retryLatency, 100))}");
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
        Assert.Equal(0, unknown);
        Assert.True(receiver.Requests > count, "the fault injector never failed a request"); // the faults really happened
    }

    /// <summary>Fills the outbox in this process (as the app's own producer would), with the sender's dispatcher off.</summary>
    private async Task<HashSet<string>> EnqueueAsync(Uri url, string secret, int count)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workshop:DataDirectory"] = Path.Combine(_data, "sender"),
            ["Webhooks:Sender:AllowLoopback"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new TestHostEnvironment(_data));
        services.AddWebhooks(configuration);
        await using var provider = services.BuildServiceProvider();
        var sender = provider.GetRequiredService<WebhookSender>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var body = System.Text.Encoding.UTF8.GetBytes($"{{\"type\":\"fault.test\",\"n\":{i}}}");
            var delivery = await sender.EnqueueAsync(new WebhookMessage(url, secret, "fault.test", body), CancellationToken.None);
            ids.Add(delivery.EventId);
        }
        return ids;
    }

    private Task<ChildProcessHost> StartSenderAsync() => ChildProcessHost.StartAsync(
        RepoPaths.BuiltAssembly("Workshop.Playground"),
        new Dictionary<string, string?>
        {
            ["Workshop__DataDirectory"] = Path.Combine(_data, "sender"),
            ["Webhooks__Sender__AllowLoopback"] = "true",
            ["Webhooks__Sender__BaseDelay"] = "00:00:00.050",
            ["Webhooks__Sender__MaxDelay"] = "00:00:00.500",
            ["Webhooks__Sender__MaxAttempts"] = "60",
            ["Webhooks__Sender__AttemptTimeout"] = "00:00:01",
            ["Webhooks__Sender__LeaseDuration"] = "00:00:02",
            ["Webhooks__Sender__PollInterval"] = "00:00:00.050",
            ["Webhooks__Sender__MaxConcurrency"] = "256",
            ["Webhooks__Sender__BatchSize"] = "256",
            ["Logging__LogLevel__Default"] = "Warning",
        });

    private void Report(string line) => figures.Write(output, "webhooks", line);

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("WORKSHOP_FAULT_KEEP_DATA") == "1") return; // to inspect the outbox after a failure
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying child: the temp folder is cleaned by the OS later.
        }
    }
}
