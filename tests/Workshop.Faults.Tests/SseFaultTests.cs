using System.Diagnostics;
using System.Globalization;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Testing;

namespace Workshop.Faults.Tests;

/// <summary>An SSE client followed through forced disconnects while the topic keeps publishing.</summary>
public sealed class SseFaultTests(ITestOutputHelper output, FigureLog figures) : IClassFixture<FigureLog>
{
    [Fact]
    public async Task An_SseClient_sees_every_event_exactly_once_in_order_through_100_forced_disconnects_of_a_10000_event_stream()
    {
        var count = Figures.Count("WORKSHOP_FAULT_SSE_EVENTS", 10_000);
        const int disconnects = 100;
        await using var server = await FaultServer.StartAsync(new()
        {
            ["ServerSentEvents:LogCapacity"] = "2000",
            ["ServerSentEvents:SubscriberQueueCapacity"] = "4096",
            ["ServerSentEvents:RetryHint"] = "00:00:00.010",
        });
        var publishedAt = new long[count + 1];
        var receivedAt = new long[count + 1];
        var received = new List<long>(count);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var client = new SseClient(server.Http);
        var reading = Task.Run(async () =>
        {
            await foreach (var item in client.FollowAsync(new Uri("/events", UriKind.Relative), cts.Token))
            {
                var id = long.Parse(item.EventId!, CultureInfo.InvariantCulture);
                if (id >= 1 && id <= count) receivedAt[id] = Stopwatch.GetTimestamp();
                received.Add(id);
                if (id == count) return;
            }
        }, cts.Token);
        await Eventually.HoldsAsync(() => server.Feed.SubscriberCount == 1, "the client is subscribed");

        int graceful = 0, aborted = 0;
        var every = count / disconnects;
        var startedBefore = 0;
        for (var i = 1; i <= count; i++)
        {
            publishedAt[i] = Stopwatch.GetTimestamp();
            server.Feed.Publish("n", i.ToString(CultureInfo.InvariantCulture));
            if (i % every != every / 2) continue;
            // Only a connected client can be disconnected: wait for its reconnect (its resume is what is tested):
            // a stream newer than the last one cut, the cut one finished (its handler unsubscribed and returned), and
            // the new one subscribed. (Watching the subscriber count alone for a 0 misses it when the client is back
            // within the poll interval: it reconnects after 10 ms.)
            await Eventually.HoldsAsync(
                () => server.StreamsStarted > startedBefore && server.StreamsOpen == 1 && server.Feed.SubscriberCount == 1,
                $"the client reconnected before disconnect {graceful + aborted + 1}");
            startedBefore = server.StreamsStarted;
            if ((graceful + aborted) % 2 == 0)
            {
                Assert.Equal(1, server.Feed.DisconnectAll()); // the server ends the stream
                graceful++;
            }
            else
            {
                server.CurrentStream!.Abort(); // the TCP connection is reset mid-stream
                aborted++;
            }
            if (i % 200 == 0) await Task.Yield();
        }
        await Eventually.WithinAsync(reading, $"the client to reach id {count}", TimeSpan.FromSeconds(60));

        var lost = Enumerable.Range(1, count).Count(i => receivedAt[i] == 0);
        var duplicated = received.Count - received.Distinct().Count();
        var outOfOrder = received.Zip(received.Skip(1)).Count(p => p.Second <= p.First);
        var latency = Enumerable.Range(1, count).Where(i => receivedAt[i] != 0)
            .Select(i => Stopwatch.GetElapsedTime(publishedAt[i], receivedAt[i]).TotalMilliseconds).ToList();
        Report($"events: {count}; forced disconnects: {graceful + aborted} ({graceful} ended by the server, {aborted} TCP aborts); client reconnects: {client.Reconnects}");
        Report($"delivered: {received.Distinct().Count()}, lost: {lost}, duplicated: {duplicated}, out of order: {outOfOrder}");
        Report($"publish to receive: p50 {Figures.Ms(Figures.Percentile(latency, 50))}, p99 {Figures.Ms(Figures.Percentile(latency, 99))}, max {Figures.Ms(Figures.Percentile(latency, 100))}");
        Assert.Equal(disconnects, graceful + aborted);
        Assert.True(client.Reconnects >= disconnects, $"only {client.Reconnects} reconnects");
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), received);
    }

    private void Report(string line) => figures.Write(output, "sse", line);
}
