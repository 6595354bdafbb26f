using Microsoft.Extensions.Options;
using Workshop.Protocols.Http;
using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// <c>/api/bins</c>: create, read and delete bins, list captures, follow a bin's event stream, redeliver a capture.
/// </summary>
public static class BinsApi
{
    /// <summary>Maps the bins API.</summary>
    public static void MapBinsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/bins").AddEndpointFilter<InspectorUnavailableFilter>();
        group.MapPost("/", CreateAsync).RequireRateLimiting(RateLimitPolicies.BinCreation);
        group.MapGet("/{bin}", async (string bin, HttpRequest request, BinRegistry bins, IOptions<InspectorOptions> options)
            => await bins.FindAsync(bin) is { } found ? TypedResults.Ok(BinView.From(found, request, options.Value)) : InspectorProblems.UnknownBin());
        group.MapDelete("/{bin}", async (string bin, BinRegistry bins) => await bins.RemoveAsync(bin) ? Results.NoContent() : InspectorProblems.UnknownBin());
        group.MapGet("/{bin}/requests", async (string bin, BinRegistry bins)
            => await bins.FindAsync(bin) is { } found ? TypedResults.Ok(await bins.ListAsync(found)) : InspectorProblems.UnknownBin());
        group.MapGet("/{bin}/requests/{id:long}", async (string bin, long id, BinRegistry bins) =>
        {
            if (await bins.FindAsync(bin) is not { } found) return InspectorProblems.UnknownBin();
            return await bins.FindCaptureAsync(found, id) is { } capture ? TypedResults.Ok(capture) : UnknownRequest(id);
        });
        group.MapPost("/{bin}/requests/{id:long}/redeliver", RedeliverAsync).RequireRateLimiting(RateLimitPolicies.Redelivery);
        // A bin's live captures (event "request", data = CaptureSummary), resumable with Last-Event-ID. The bin is
        // looked up before the stream starts (async, in front of the SSE endpoint, which resolves topics synchronously).
        var events = group.MapServerSentEvents("/{bin}/events", context =>
        {
            var topics = context.RequestServices.GetRequiredService<ISseTopics>();
            return context.Items[FoundBin] is InspectorBin found && topics.TryGet(InspectorStore.TopicName(found.Id), out var topic) ? topic : null;
        }).RequireRateLimiting(RateLimitPolicies.Streams);
        events.Add(endpoint =>
        {
            // The stream endpoint resolves its topic synchronously; the (possibly Redis) lookup runs before it.
            var stream = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = async context =>
            {
                var registry = context.RequestServices.GetRequiredService<BinRegistry>();
                try
                {
                    context.Items[FoundBin] = context.GetRouteValue("bin") is string bin ? await registry.FindAsync(bin) : null;
                }
                catch (Exception ex) when (InspectorUnavailableFilter.IsRedisFailure(ex))
                {
                    var logger = context.RequestServices.GetRequiredService<ILogger<InspectorStore>>();
                    await InspectorUnavailableFilter.Unavailable(logger, ex).ExecuteAsync(context);
                    return;
                }
                await stream(context);
            };
        });
    }

    private static readonly object FoundBin = new();

    private static async Task<IResult> CreateAsync(
        CreateBinRequest? body, HttpRequest request, BinRegistry bins, CaptureVerifier verifier, Redeliverer redeliverer,
        IOptions<InspectorOptions> options, CancellationToken cancellationToken)
    {
        BinSigning signing;
        try
        {
            signing = verifier.ForNewBin(body?.StandardSecret, body?.GitHubSecret, body?.RazorpaySecret);
        }
        catch (FormatException ex)
        {
            return InspectorProblems.Problem(StatusCodes.Status400BadRequest, "bad-secret-format", ex.Message);
        }
        Uri? forward = null;
        if (!string.IsNullOrWhiteSpace(body?.ForwardUrl))
        {
            if (!TryHttpUrl(body.ForwardUrl, out forward))
                return InspectorProblems.Problem(StatusCodes.Status400BadRequest, "bad-url", "'forwardUrl' must be an absolute http(s) URL.");
            if (await redeliverer.CheckAsync(forward, cancellationToken) is { } refusal)
                return InspectorProblems.Problem(StatusCodes.Status400BadRequest, "destination-refused", refusal);
        }
        if (await bins.CreateAsync(ClientPartition.KeyOf(request.HttpContext), signing, forward) is not { } bin)
            return InspectorProblems.Problem(StatusCodes.Status503ServiceUnavailable, "inspector-full", "The inspector holds as many bins as it may; try again later.");
        return TypedResults.Created($"/api/bins/{bin.Id}", BinView.From(bin, request, options.Value));
    }

    private static async Task<IResult> RedeliverAsync(
        string bin, long id, RedeliverRequest body, HttpRequest request, BinRegistry bins, Redeliverer redeliverer, IHostEnvironment environment,
        ILogger<InspectorStore> logger, CancellationToken cancellationToken)
    {
        if (await bins.FindAsync(bin) is not { } found) return InspectorProblems.UnknownBin();
        if (await bins.FindCaptureAsync(found, id) is not { } capture) return UnknownRequest(id);
        if (!TryHttpUrl(body?.Url, out var url))
            return InspectorProblems.Problem(StatusCodes.Status400BadRequest, "bad-url", "'url' must be an absolute http(s) URL.");
        var fingerprint = BinFingerprint.Of(found.Id);
        // Outside Development the inspector is no relay: only the bin itself or the destination its creator set.
        var development = environment.IsDevelopment();
        if (!development && !RedeliveryPolicy.IsEntitled(found, url, request))
        {
            InspectorLog.RedeliveryRefused(logger, fingerprint, id, "destination-not-allowed");
            return InspectorProblems.Problem(StatusCodes.Status400BadRequest, "destination-not-allowed",
                "Outside Development a capture can be redelivered only to the bin's own URL or to the forwardUrl set when the bin was created.");
        }
        if (await redeliverer.CheckAsync(url, cancellationToken) is { } refusal)
        {
            InspectorLog.RedeliveryRefused(logger, fingerprint, id, "destination-refused");
            return development ? InspectorProblems.Problem(StatusCodes.Status400BadRequest, "destination-refused", refusal) : InspectorProblems.NoAnswer();
        }
        var method = development ? capture.Method : HttpMethods.Post;
        var result = await redeliverer.SendAsync(capture, url, method, cancellationToken);
        InspectorLog.Redelivered(logger, fingerprint, id, method, result?.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer");
        return result is null ? InspectorProblems.NoAnswer() : TypedResults.Ok(result);
    }

    private static bool TryHttpUrl(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? url)
        => Uri.TryCreate(text, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static IResult UnknownRequest(long id)
        => InspectorProblems.Problem(StatusCodes.Status404NotFound, "unknown-request", $"The bin holds no request {id} (it may have been dropped: bins keep the latest ones only).");
}
