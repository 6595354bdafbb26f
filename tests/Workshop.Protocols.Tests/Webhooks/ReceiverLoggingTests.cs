using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workshop.Protocols.Webhooks;

namespace Workshop.Protocols.Tests.Webhooks;

/// <summary>A rejection is logged with its reason, and neither the secret nor any signature reaches the log.</summary>
public sealed class ReceiverLoggingTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public async Task A_rejected_webhook_is_logged_with_its_reason_and_without_the_secret_or_signature()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await WebhookTestHost.StartAsync(
            app => app.MapWebhookReceiver("/standard", new StandardWebhookVerifier(Secret), (_, _) => Task.CompletedTask),
            services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = host.CreateClient();
        var body = Encoding.UTF8.GetBytes("{\"amount\":100}");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var goodSignature = WebhookSigner.SignStandard(Secret, "msg_log", ts, body);
        var badSignature = WebhookSigner.SignStandard(WebhookSecret.Generate(), "msg_log", ts, body);

        foreach (var signature in new[] { badSignature, goodSignature })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "standard") { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            request.Headers.Add("webhook-id", "msg_log");
            request.Headers.Add("webhook-timestamp", ts.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", signature);
            using var response = await client.SendAsync(request);
            Assert.Equal(signature == goodSignature ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var all = string.Join('\n', logs.Messages);
        Assert.Contains(logs.Messages, m => m.Contains("rejected with 401", StringComparison.Ordinal) && m.Contains("bad-signature", StringComparison.Ordinal));
        foreach (var secretish in new[] { Secret, Secret["whsec_".Length..], badSignature, goodSignature, badSignature[3..], goodSignature[3..] })
        {
            Assert.DoesNotContain(secretish, all, StringComparison.Ordinal);
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capturing(this);

        public void Dispose()
        {
        }

        private sealed class Capturing(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => owner.Messages.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
        }
    }
}
