using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// <c>ANY /hooks/{bin}</c> and its sub-paths: captures the request (method, raw target, headers, body up to the
/// limit, caller, time, signature verdicts), stores it, pushes a summary to the bin's event stream and answers
/// 200 at once. Unknown bin: 404; body over the limit: 413; both problem+json, nothing stored.
/// </summary>
public static class CaptureEndpoint
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Maps the capture route.</summary>
    public static void MapCapture(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Map (not MapPost): every method is captured, as a real inspector bin does. The catch-all also matches "/hooks/{bin}".
        app.Map("/hooks/{bin}/{**rest}", CaptureAsync).AddEndpointFilter<InspectorUnavailableFilter>().RequireRateLimiting(RateLimitPolicies.Captures);
    }

    private static async Task<IResult> CaptureAsync(
        HttpContext context, string bin, BinRegistry bins, CaptureVerifier verifier, ISseTopics topics, TimeProvider time,
        IOptions<InspectorOptions> options, ILogger<InspectorStore> logger)
    {
        if (await bins.FindAsync(bin) is not { } found)
        {
            InspectorLog.UnknownBin(logger);
            return InspectorProblems.UnknownBin();
        }
        var limit = options.Value.MaxBodyBytes;
        var body = await ReadBoundedAsync(context.Request, limit, context.RequestAborted);
        if (body is null)
        {
            InspectorLog.BodyTooLarge(logger, BinFingerprint.Of(found.Id), limit);
            return InspectorProblems.Problem(StatusCodes.Status413PayloadTooLarge, "body-too-large", $"The body is larger than {limit} bytes; nothing was captured.");
        }
        var headers = context.Request.Headers;
        var verdicts = verifier.Judge(found, headers, body);
        var (encoding, text) = Describe(body);
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString).ToString();
        var capture = await bins.AddAsync(found, id => new CapturedRequest(
            id, context.Request.Method, target,
            [.. headers.SelectMany(h => h.Value.Select(v => new CapturedHeader(h.Key, v ?? "")))],
            encoding, text, body.Length, context.Connection.RemoteIpAddress?.ToString(), time.GetUtcNow(), verdicts) { RawBody = body });
        // TryGet, not Get: a bin removed meanwhile must not get its topic back.
        if (topics.TryGet(InspectorStore.TopicName(found.Id), out var topic))
            await topic.PublishJsonAsync("request", CaptureSummary.From(capture), context.RequestAborted);
        InspectorLog.Captured(logger, BinFingerprint.Of(found.Id), capture.Id, capture.Method, capture.BodyBytes);
        return TypedResults.Ok(new { bin = found.Id, captured = capture.Id });
    }

    /// <summary>Text when the body is valid UTF-8 without control characters (other than tab and line breaks), else base64.</summary>
    internal static (string Encoding, string Body) Describe(byte[] body)
    {
        try
        {
            var text = StrictUtf8.GetString(body);
            if (!text.Any(c => char.IsControl(c) && c is not '\t' and not '\r' and not '\n')) return ("utf8", text);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: shown as base64 below.
        }
        return ("base64", Convert.ToBase64String(body));
    }

    // Reads at most limit + 1 bytes, so an oversized (or endless chunked) body costs little.
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
