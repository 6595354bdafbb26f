using Microsoft.Extensions.Options;
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
        group.MapPost("/", Create);
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
        group.MapPost("/{bin}/requests/{id:long}/redeliver", RedeliverAsync);
        // A bin's live captures (event "request", data = CaptureSummary), resumable with Last-Event-ID.
        group.MapServerSentEvents("/{bin}/events", context =>
        {
            var store = context.RequestServices.GetRequiredService<InspectorStore>();
            var topics = context.RequestServices.GetRequiredService<ISseTopics>();
            return context.GetRouteValue("bin") is string bin && store.TryGet(bin, out _) && topics.TryGet(InspectorStore.TopicName(bin), out var topic) ? topic : null;
        });
    }

    private static IResult Create(
        CreateBinRequest? body, HttpRequest request, InspectorStore store, CaptureVerifier verifier, IOptions<InspectorOptions> options)
    {
        try
        {
            var bin = store.Create(verifier.ForSecrets(body?.StandardSecret, body?.GitHubSecret, body?.RazorpaySecret));
            var view = BinView.From(bin, request, options.Value);
            return TypedResults.Created($"/api/bins/{bin.Id}", view);
        }
        catch (FormatException ex)
        {
            return InspectorProblems.Problem(StatusCodes.Status400BadRequest, "bad-secret-format", ex.Message);
        }
    }

    private static async Task<IResult> RedeliverAsync(
        string bin, long id, RedeliverRequest body, InspectorStore store, Redeliverer redeliverer, ILogger<InspectorStore> logger, CancellationToken cancellationToken)
    {
        if (!store.TryGet(bin, out var found)) return InspectorProblems.UnknownBin();
        if (store.Find(found, id) is not { } capture) return UnknownRequest(id);
        if (!Uri.TryCreate(body?.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return InspectorProblems.Problem(StatusCodes.Status400BadRequest, "bad-url", "'url' must be an absolute http(s) URL.");
        if (await redeliverer.CheckAsync(url, cancellationToken) is { } refusal)
        {
            InspectorLog.RedeliveryRefused(logger, found.Id, id, "destination-refused");
            return InspectorProblems.Problem(StatusCodes.Status400BadRequest, "destination-refused", refusal);
        }
        var result = await redeliverer.SendAsync(capture, url, cancellationToken);
        InspectorLog.Redelivered(logger, found.Id, id, result.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer");
        return result.StatusCode is null
            ? InspectorProblems.Problem(StatusCodes.Status502BadGateway, "no-answer", result.Error ?? "The target did not answer.")
            : TypedResults.Ok(result);
    }

    private static IResult UnknownRequest(long id)
        => InspectorProblems.Problem(StatusCodes.Status404NotFound, "unknown-request", $"The bin holds no request {id} (it may have been dropped: bins keep the latest ones only).");
}
