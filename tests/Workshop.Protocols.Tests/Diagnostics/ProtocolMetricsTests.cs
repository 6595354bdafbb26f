using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Workshop.Protocols.Diagnostics;
using Workshop.Protocols.Tests.ServerSentEvents;
using Workshop.Protocols.Tests.Webhooks;
using Workshop.Protocols.Tests.WebSockets;
using Workshop.Protocols.Webhooks;
using Workshop.Testing;

namespace Workshop.Protocols.Tests.Diagnostics;

/// <summary>The meter as dotnet-counters reads it: a listener on <see cref="ProtocolMetrics.MeterName"/>.</summary>
public sealed class ProtocolMetricsTests
{
    [Fact]
    public async Task A_websocket_delivery_moves_the_deliveries_counter_and_an_open_socket_is_a_connection()
    {
        using var metrics = new Recorder();
        await using var server = await WebSocketTestServer.StartAsync();
        var before = metrics.Total(ProtocolMetrics.Deliveries, "websocket");

        using var client = await WsClient.ConnectAsync(server.Ws("/ws/echo"));
        Assert.Equal("Welcome!", (await client.ReceiveAsync()).Text);
        await client.SendTextAsync("counted");
        Assert.Equal("counted", (await client.ReceiveAsync()).Text);

        // The counter is added right after the send completes, which can be a moment after the client has the message.
        await Eventually.HoldsAsync(() => metrics.Total(ProtocolMetrics.Deliveries, "websocket") - before >= 2, "the welcome and the echo were counted");
        Assert.True(metrics.Observe(ProtocolMetrics.Connections, "websocket") >= 1, "the open socket is counted");
    }

    [Fact]
    public async Task A_published_event_written_to_a_stream_moves_the_deliveries_counter()
    {
        using var metrics = new Recorder();
        await using var server = await SseTestServer.StartAsync();
        await using var stream = await RawSseStream.OpenAsync(server.Http, "/events");
        await stream.ReadFrameAsync();
        await stream.ReadFrameAsync();
        await Eventually.HoldsAsync(() => server.Feed.SubscriberCount == 1, "the stream subscribed");
        var before = metrics.Total(ProtocolMetrics.Deliveries, "sse");
        Assert.True(metrics.Observe(ProtocolMetrics.Connections, "sse") >= 1, "the open stream is counted");

        server.Feed.Publish("score", "{\"home\":1}");
        await stream.ReadFrameAsync();

        await Eventually.HoldsAsync(() => metrics.Total(ProtocolMetrics.Deliveries, "sse") - before >= 1, "the event was counted");
    }

    [Fact]
    public async Task A_webhook_that_fails_once_moves_the_retries_counter_then_the_delivered_counter()
    {
        using var metrics = new Recorder();
        var calls = 0;
        await using var host = await WebhookTestHost.StartAsync(app => app.MapPost("/hook", () =>
            Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(StatusCodes.Status500InternalServerError) : Results.Ok()));
        var sender = host.Services.GetRequiredService<WebhookSender>();
        var retriesBefore = metrics.Total(ProtocolMetrics.WebhookRetries, "");
        var deliveredBefore = metrics.Total(ProtocolMetrics.WebhookDeliveries, "");

        var delivery = await sender.EnqueueAsync(new WebhookMessage(new Uri(host.BaseAddress, "hook"),
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "payment.captured", "{}"u8.ToArray()), CancellationToken.None);
        await Eventually.HoldsAsync(async () => (await sender.GetAsync(delivery.Id, CancellationToken.None))?.Status == DeliveryStatus.Succeeded,
            "the delivery succeeded on its second attempt");

        Assert.True(metrics.Total(ProtocolMetrics.WebhookRetries, "") - retriesBefore >= 1, "the failed attempt was counted as a retry");
        // Counted just after the success is recorded, so it may trail the status by a moment.
        await Eventually.HoldsAsync(() => metrics.Total(ProtocolMetrics.WebhookDeliveries, "") - deliveredBefore >= 1, "the success was counted");
    }

    /// <summary>Sums each instrument's measurements by protocol tag.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<(string, string), long> _totals = [];
        private readonly Dictionary<(string, string), long> _observed = [];
        private readonly Lock _gate = new();

        public Recorder()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ProtocolMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.Start();
        }

        public long Total(string instrument, string protocol)
        {
            lock (_gate) return _totals.GetValueOrDefault((instrument, protocol));
        }

        /// <summary>Collects the observable instruments now (as dotnet-counters does every interval) and returns the value.</summary>
        public long Observe(string instrument, string protocol)
        {
            _listener.RecordObservableInstruments();
            lock (_gate) return _observed.GetValueOrDefault((instrument, protocol));
        }

        public void Dispose() => _listener.Dispose();

        private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var protocol = "";
            foreach (var tag in tags)
                if (tag.Key == "protocol") protocol = tag.Value as string ?? "";
            lock (_gate)
            {
                if (instrument.IsObservable) _observed[(instrument.Name, protocol)] = value;
                else _totals[(instrument.Name, protocol)] = _totals.GetValueOrDefault((instrument.Name, protocol)) + value;
            }
        }
    }
}
