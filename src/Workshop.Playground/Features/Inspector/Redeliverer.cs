using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// Sends a captured request again (body and headers as captured, credentials headers never) to a URL the destination
/// guard allows. The guard is applied twice: to the URL's resolved addresses before sending, and to the socket
/// address at connect time (so a DNS answer that changes in between cannot reach a refused range). No redirects,
/// no proxy. When no HTTP answer comes, for whatever cause, the result is null: callers answer uniformly.
/// </summary>
public sealed class Redeliverer : IDisposable
{
    // Hop-by-hop and framing headers are the transport's business; the rest are replayed as captured.
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Expect",
    };

    private readonly DestinationGuard _guard;
    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the redeliverer with the app's destination guard (from the webhook sender options).</summary>
    public Redeliverer(DestinationGuard guard, IOptions<InspectorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _guard = guard ?? throw new ArgumentNullException(nameof(guard));
        _timeout = options.Value.RedeliveryTimeout;
        _client = new HttpClient(CreateHandler(guard)) { Timeout = Timeout.InfiniteTimeSpan };
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
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
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

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static SocketsHttpHandler CreateHandler(DestinationGuard guard) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = addresses.Where(guard.IsAllowed).ToArray();
            if (allowed.Length == 0) throw new DestinationRefusedException($"Every address of '{host}' is in a refused range.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
