namespace Workshop.Protocols.Webhooks;

/// <summary>The sender's one HttpClient over the guarded handler (timeouts are per attempt, via tokens).</summary>
internal sealed class WebhookHttpClient(DestinationGuard guard) : IDisposable
{
    public HttpClient Client { get; } = new(GuardedHttpHandler.Create(guard)) { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose() => Client.Dispose();
}
