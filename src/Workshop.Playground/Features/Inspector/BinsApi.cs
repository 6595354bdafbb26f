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
        var group = app.MapGroup("/api/bins");
        group.MapPost("/", CreateAsync).RequireRateLimiting(RateLimitPolicies.BinCreation);
        group.MapGet("/{bin}", (string bin, HttpRequest request, InspectorStore store, IOptions<InspectorOptions> options)
            => store.TryGet(bin, out var found) ? TypedResults.Ok(BinView.From(found, request, options.Value)) : InspectorProblems.UnknownBin());
        group.MapDelete("/{bin}", (string bin, InspectorStore store) => store.Remove(bin) ? Results.NoContent() : InspectorProblems.UnknownBin());
        group.MapGet("/{bin}/requests", (string bin, InspectorStore store)
            => store.TryGet(bin, out var found) ? TypedResults.Ok(store.List(found)) : InspectorProblems.UnknownBin());
        group.MapGet("/{bin}/requests/{id:long}", (string bin, long id, InspectorStore store) =>
        {
            if (!store.TryGet(bin, out var found)) return InspectorProblems.UnknownBin();
            return store.Find(found, id) is { } capture ? TypedResults.Ok(capture) : UnknownRequest(id);
        });
        group.MapPost("/{bin}/requests/{id:long}/redeliver", RedeliverAsync).RequireRateLimiting(RateLimitPolicies.Redelivery);
        // A bin's live captures (event "request", data = CaptureSummary), resumable with Last-Event-ID.
        group.MapServerSentEvents("/{bin}/events", context =>
        {
            var store = context.RequestServices.GetRequiredService<InspectorStore>();
            var topics = context.RequestServices.GetRequiredService<ISseTopics>();
            return context.GetRouteValue("bin") is string bin && store.TryGet(bin, out _) && topics.TryGet(InspectorStore.TopicName(bin), out var topic) ? topic : null;
        }).RequireRateLimiting(RateLimitPolicies.Streams);
    }

    private static async Task<IResult> CreateAsync(
        CreateBinRequest? body, HttpRequest request, InspectorStore store, CaptureVerifier verifier, Redeliverer redeliverer,
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
        if (store.TryCreate(ClientPartition.KeyOf(request.HttpContext), signing, forward) is not { } bin)
            return InspectorProblems.Problem(StatusCodes.Status503ServiceUnavailable, "inspector-full", "The inspector holds as many bins as it may; try again later.");
        return TypedResults.Created($"/api/bins/{bin.Id}", BinView.From(bin, request, options.Value));
    }

    private static async Task<IResult> RedeliverAsync(
        string bin, long id, RedeliverRequest body, HttpRequest request, InspectorStore store, Redeliverer redeliverer, IHostEnvironment environment,
        ILogger<InspectorStore> logger, CancellationToken cancellationToken)
    {
        if (!store.TryGet(bin, out var found)) return InspectorProblems.UnknownBin();
        if (store.Find(found, id) is not { } capture) return UnknownRequest(id);
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
