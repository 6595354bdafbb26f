using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Workshop.Protocols.Webhooks;
using Workshop.Testing;
using Workshop.Testing.Hosting;

namespace Workshop.Protocols.Tests.Webhooks;

/// <summary>The sender is the built playground in its own process, so it can really be killed with SIGKILL.</summary>
public sealed class OutboxRestartTests : IAsyncLifetime
{
    // The playground's documented Development default for Webhooks:Standard:Secret.
    private const string DevStandardSecret = "whsec_d29ya3Nob3Atc3RhbmRhcmQtd2ViaG9va3MtZGV2LWtleSE=";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "workshop-restart-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<string> _failedIds = new();
    private readonly ConcurrentQueue<string> _deliveredIds = new();
    private volatile bool _accepting;
    private TestHost _receiver = null!;
    private Uri _receiverUrl = null!;

    public async Task InitializeAsync()
    {
        var verifier = new StandardWebhookVerifier(DevStandardSecret);
        _receiver = await TestHost.StartAsync(app => app.MapPost("/hook", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var id = context.Request.Headers["webhook-id"].ToString();
            if (!_accepting)
            {
                _failedIds.Enqueue(id);
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
            if (!verifier.Verify(context.Request.Headers, buffer.ToArray()).IsValid) return Results.Unauthorized();
            _deliveredIds.Enqueue(id);
            return Results.Ok();
        }));
        _receiverUrl = _receiver.Http("/hook");
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private Task<ChildProcessHost> StartSenderAsync() => ChildProcessHost.StartAsync(
        RepoPaths.BuiltAssembly("Workshop.Playground"),
        new Dictionary<string, string?>
        {
            ["Workshop__DataDirectory"] = _dataDirectory,
            ["Webhooks__Sender__AllowLoopback"] = "true",
            ["Webhooks__Sender__BaseDelay"] = "00:00:00.100",
            ["Webhooks__Sender__MaxDelay"] = "00:00:00.300",
            ["Webhooks__Sender__MaxAttempts"] = "1000",
            ["Webhooks__Sender__PollInterval"] = "00:00:00.100",
            ["Webhooks__Sender__AttemptTimeout"] = "00:00:02",
            ["Webhooks__Sender__LeaseDuration"] = "00:00:03",
        });

    [Fact]
    public async Task Pending_deliveries_are_delivered_after_the_sender_process_is_killed_and_restarted()
    {
        var eventIds = new List<string>();
        var deliveryIds = new List<string>();
        await using (var first = await StartSenderAsync())
        {
            using var client = new HttpClient { BaseAddress = first.BaseAddress };
            foreach (var type in new[] { "payment.captured", "push", "payment.captured" })
            {
                using var response = await client.PostAsJsonAsync("api/sender/deliveries", new { url = _receiverUrl.AbsoluteUri, eventType = type, secret = DevStandardSecret });
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                eventIds.Add(body.GetProperty("eventId").GetString()!);
                deliveryIds.Add(body.GetProperty("id").GetString()!);
            }
            await Eventually.HoldsAsync(() => eventIds.All(_failedIds.Contains), "every delivery has failed at least once (so all are pending)");
            await first.KillAsync();
        }
        Assert.Empty(_deliveredIds);

        _accepting = true;
        await using var second = await StartSenderAsync();
        await Eventually.HoldsAsync(() => eventIds.All(_deliveredIds.Contains), "every pending delivery arrives after the restart", TimeSpan.FromSeconds(30));
        using var api = new HttpClient { BaseAddress = second.BaseAddress };
        foreach (var id in deliveryIds)
        {
            // The receiver sees the request before the sender records its answer: wait for the record.
            var delivery = default(JsonElement);
            await Eventually.HoldsAsync(async () =>
            {
                delivery = await api.GetFromJsonAsync<JsonElement>($"api/sender/deliveries/{id}");
                return delivery.GetProperty("status").GetString() == "succeeded";
            }, $"delivery {id} is recorded as succeeded");
            Assert.Equal(200, delivery.GetProperty("attemptLog").EnumerateArray().Last().GetProperty("statusCode").GetInt32());
        }
    }

    [Fact]
    public async Task The_playground_refuses_to_start_outside_development_without_a_webhook_secret()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ChildProcessHost.StartAsync(
            RepoPaths.BuiltAssembly("Workshop.Playground"),
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Workshop__DataDirectory"] = _dataDirectory }));
        Assert.Contains("Webhooks:Standard:Secret", error.Message, StringComparison.Ordinal);
    }
}
