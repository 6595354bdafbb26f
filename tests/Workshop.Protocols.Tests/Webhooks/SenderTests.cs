using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Workshop.Protocols.Webhooks;
using Workshop.Testing;

namespace Workshop.Protocols.Tests.Webhooks;

public sealed class SenderTests : IAsyncLifetime
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentDictionary<string, int> _busyCalls = new();
    private volatile bool _flakyHealthy;
    private WebhookTestHost _host = null!;
    private WebhookSender _sender = null!;

    private sealed record Received(string Path, string Id, string Timestamp, string Signature, byte[] Body, DateTimeOffset At);

    public async Task InitializeAsync()
    {
        _host = await WebhookTestHost.StartAsync(app =>
        {
            app.MapPost("/target/{mode}", async (string mode, HttpContext context) =>
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer);
                var headers = context.Request.Headers;
                var id = headers["webhook-id"].ToString();
                _received.Enqueue(new Received(mode, id, headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(), buffer.ToArray(), DateTimeOffset.UtcNow));
                switch (mode)
                {
                    case "redirect":
                        return Results.Redirect("/target/ok");
                    case "gone":
                        return Results.StatusCode(StatusCodes.Status410Gone);
                    case "busy" or "unavailable" when _busyCalls.AddOrUpdate(id, 1, (_, n) => n + 1) == 1:
                        context.Response.Headers.RetryAfter = "1";
                        return Results.StatusCode(mode == "busy" ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable);
                    case "flaky" when !_flakyHealthy:
                        return Results.StatusCode(StatusCodes.Status500InternalServerError);
                    default:
                        return Results.Ok();
                }
            });
        });
        _sender = _host.Services.GetRequiredService<WebhookSender>();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<WebhookDelivery> EnqueueAsync(string mode)
        => _sender.EnqueueAsync(
            new WebhookMessage(new Uri(_host.BaseAddress, "target/" + mode), Secret, "payment.captured", Encoding.UTF8.GetBytes("{\"amount\":100}")),
            CancellationToken.None);

    private async Task<WebhookDelivery> WaitForStatusAsync(string id, DeliveryStatus status)
    {
        WebhookDelivery? delivery = null;
        await Eventually.HoldsAsync(async () => (delivery = await _sender.GetAsync(id, CancellationToken.None))?.Status == status,
            $"delivery {id} is {status} (last seen {delivery?.Status}, {delivery?.LastError})");
        return delivery!;
    }

    private List<Received> ReceivedFor(string eventId) => [.. _received.Where(r => r.Id == eventId)];

    private static bool Verifies(Received r)
    {
        var headers = new HeaderDictionary { ["webhook-id"] = r.Id, ["webhook-timestamp"] = r.Timestamp, ["webhook-signature"] = r.Signature };
        return new StandardWebhookVerifier(Secret).Verify(headers, r.Body).IsValid;
    }

    [Fact]
    public async Task Sender_delivers_a_signed_event_to_a_2xx_endpoint_and_logs_the_attempt()
    {
        var delivery = await EnqueueAsync("ok");
        var done = await WaitForStatusAsync(delivery.Id, DeliveryStatus.Succeeded);
        Assert.Equal(200, Assert.Single(done.AttemptLog).StatusCode);
        var received = Assert.Single(ReceivedFor(delivery.EventId));
        Assert.True(Verifies(received));
        Assert.Equal("{\"amount\":100}", Encoding.UTF8.GetString(received.Body));
    }

    [Fact]
    public async Task Sender_counts_a_redirect_as_a_failure_and_never_follows_it()
    {
        var delivery = await EnqueueAsync("redirect");
        var dead = await WaitForStatusAsync(delivery.Id, DeliveryStatus.DeadLettered);
        Assert.Equal(3, dead.AttemptLog.Count);
        Assert.All(dead.AttemptLog, a => Assert.Equal(302, a.StatusCode));
        Assert.All(ReceivedFor(delivery.EventId), r => Assert.Equal("redirect", r.Path));
    }

    [Fact]
    public async Task Sender_disables_an_endpoint_that_answers_410_and_sends_it_nothing_more()
    {
        var first = await EnqueueAsync("gone");
        Assert.Equal(410, Assert.Single((await WaitForStatusAsync(first.Id, DeliveryStatus.EndpointDisabled)).AttemptLog).StatusCode);
        var second = await EnqueueAsync("gone");
        var disabled = await WaitForStatusAsync(second.Id, DeliveryStatus.EndpointDisabled);
        Assert.Empty(disabled.AttemptLog);
        Assert.Empty(ReceivedFor(second.EventId));
    }

    [Theory]
    [InlineData("busy", 429)]
    [InlineData("unavailable", 503)]
    public async Task Sender_honours_retry_after_and_retries_with_the_same_id_and_a_fresh_signature(string mode, int firstStatus)
    {
        var delivery = await EnqueueAsync(mode);
        var done = await WaitForStatusAsync(delivery.Id, DeliveryStatus.Succeeded);
        Assert.Equal(new int?[] { firstStatus, 200 }, done.AttemptLog.Select(a => a.StatusCode));
        var attempts = ReceivedFor(delivery.EventId);
        Assert.Equal(2, attempts.Count);
        // The backoff alone would retry after at most 200 ms; Retry-After asked for a full second.
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(950), $"retried after {(attempts[1].At - attempts[0].At).TotalMilliseconds} ms");
        Assert.Equal(delivery.EventId, attempts[1].Id);
        Assert.NotEqual(attempts[0].Timestamp, attempts[1].Timestamp);
        Assert.NotEqual(attempts[0].Signature, attempts[1].Signature);
        Assert.All(attempts, a => Assert.True(Verifies(a)));
    }

    [Fact]
    public async Task Sender_dead_letters_after_the_last_attempt_and_a_manual_redelivery_succeeds()
    {
        var delivery = await EnqueueAsync("flaky");
        var dead = await WaitForStatusAsync(delivery.Id, DeliveryStatus.DeadLettered);
        Assert.Equal(new int?[] { 500, 500, 500 }, dead.AttemptLog.Select(a => a.StatusCode));
        Assert.Equal(3, ReceivedFor(delivery.EventId).Count);

        _flakyHealthy = true;
        Assert.Equal(RedeliveryOutcome.Redelivered, await _sender.RedeliverAsync(delivery.Id, CancellationToken.None));
        var done = await WaitForStatusAsync(delivery.Id, DeliveryStatus.Succeeded);
        Assert.Equal(4, done.AttemptLog.Count);
        Assert.Equal(200, done.AttemptLog[^1].StatusCode);
        Assert.All(ReceivedFor(delivery.EventId), r => Assert.Equal(delivery.EventId, r.Id));
    }

    [Fact]
    public async Task Sender_refuses_to_enqueue_a_metadata_address()
        => await Assert.ThrowsAsync<DestinationRefusedException>(() => _sender.EnqueueAsync(
            new WebhookMessage(new Uri("http://169.254.169.254/latest/meta-data/"), Secret, "t", "{}"u8.ToArray()), CancellationToken.None));

    [Fact]
    public async Task The_guarded_handler_refuses_a_forbidden_address_at_connect_time()
    {
        // The URL check at enqueue can be fooled by DNS rebinding; the socket-level check cannot.
        using var client = new HttpClient(GuardedHttpHandler.Create(new DestinationGuard(allowLoopback: false)));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(_host.BaseAddress, "target/ok")));
        Assert.IsType<DestinationRefusedException>(error.InnerException);
        using var allowed = new HttpClient(GuardedHttpHandler.Create(new DestinationGuard(allowLoopback: true)));
        using var response = await allowed.GetAsync(new Uri(_host.BaseAddress, "target/ok"));
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
