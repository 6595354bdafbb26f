using System.Diagnostics;
using Microsoft.Extensions.Options;
using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// Sends a captured request again (body and headers as captured, credentials headers never) to a URL the destination
/// guard allows. The guard is applied twice: to the URL's resolved addresses before sending, and to the socket
/// address at connect time by the <see cref="GuardedHttpClient"/> the webhook sender uses too (so a DNS answer that
/// changes in between cannot reach a refused range). No redirects, no proxy. When no HTTP answer comes, for
/// whatever cause, the result is null: callers answer uniformly.
/// </summary>
public sealed class Redeliverer
{
    // Hop-by-hop and framing headers are the transport's business; the rest are replayed as captured.
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Expect",
    };

    private readonly DestinationGuard _guard;
    private readonly IHttpClientFactory _clients;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the redeliverer with the app's destination guard and guarded client (from <c>AddWebhooks</c>).</summary>
    public Redeliverer(DestinationGuard guard, IHttpClientFactory clients, IOptions<InspectorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _guard = guard ?? throw new ArgumentNullException(nameof(guard));
        _clients = clients ?? throw new ArgumentNullException(nameof(clients));
        _timeout = options.Value.RedeliveryTimeout;
    }

    /// <summary>Null when <paramref name="url"/> may be used, else why not.</summary>
    public Task<string?> CheckAsync(Uri url, CancellationToken cancellationToken) => _guard.CheckUrlAsync(url, cancellationToken);

    /// <summary>
    /// Sends the capture to <paramref name="url"/> with <paramref name="method"/>, without credentials headers;
    /// returns the target's answer, or null when none came (refused, reset, unresolvable, timed out, guard refusal).
    /// </summary>
    public async Task<RedeliveryResult?> SendAsync(CapturedRequest capture, Uri url, string method, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(method);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (capture.BodyBytes > 0 || method is "POST" or "PUT" or "PATCH") request.Content = new ReadOnlyMemoryContent(capture.RawBody);
        foreach (var header in capture.Headers.Where(h => !Skipped.Contains(h.Name) && !CredentialHeaders.IsCredential(h.Name)))
        {
            if (!request.Headers.TryAddWithoutValidation(header.Name, header.Value))
                request.Content?.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await GuardedHttpClient.Create(_clients).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new RedeliveryResult(url.AbsoluteUri, method, (int)response.StatusCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
