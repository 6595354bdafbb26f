namespace Workshop.Playground.Features.Inspector;

/// <summary>A bin as the API returns it.</summary>
/// <param name="Id">The bin id.</param>
/// <param name="Url">The URL that captures requests.</param>
/// <param name="EventsUrl">The bin's SSE stream.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="OwnSecrets">Schemes verified with a secret set on the bin (the others use the reference secrets).</param>
/// <param name="MaxBodyBytes">Largest body captured.</param>
/// <param name="MaxCaptures">Captures kept.</param>
public sealed record BinView(string Id, string Url, string EventsUrl, DateTimeOffset CreatedAt, IReadOnlyList<string> OwnSecrets, int MaxBodyBytes, int MaxCaptures)
{
    /// <summary>The view of <paramref name="bin"/> with URLs on the request's own origin.</summary>
    public static BinView From(InspectorBin bin, HttpRequest request, InspectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(bin);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var origin = $"{request.Scheme}://{request.Host}";
        return new(bin.Id, $"{origin}/hooks/{bin.Id}", $"{origin}/api/bins/{bin.Id}/events", bin.CreatedAt,
            [.. bin.OwnVerifiers.Keys.Select(k => k.ToString().ToLowerInvariant())], options.MaxBodyBytes, options.MaxCapturesPerBin);
    }
}
