namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// Where a capture may be redelivered outside Development, so the inspector is no open relay: the bin's own capture
/// URL (on the origin the request came to) or the <see cref="InspectorBin.ForwardUrl"/> its creator set, and
/// always as POST.
/// </summary>
internal static class RedeliveryPolicy
{
    /// <summary>The request's own origin, e.g. <c>http://localhost:5000</c>.</summary>
    public static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    /// <summary>The bin's capture URL on the request's origin.</summary>
    public static Uri OwnUrl(InspectorBin bin, HttpRequest request) => new($"{Origin(request)}/hooks/{bin.Id}");

    /// <summary>True when <paramref name="url"/> is the bin's own URL (or a sub-path of it) or its forward URL.</summary>
    public static bool IsEntitled(InspectorBin bin, Uri url, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(bin);
        ArgumentNullException.ThrowIfNull(url);
        if (bin.ForwardUrl is { } forward && Uri.Compare(forward, url, UriComponents.AbsoluteUri, UriFormat.SafeUnescaped, StringComparison.Ordinal) == 0) return true;
        var own = OwnUrl(bin, request);
        if (Uri.Compare(own, url, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) != 0) return false;
        var path = url.AbsolutePath;
        return path == own.AbsolutePath || path.StartsWith(own.AbsolutePath + "/", StringComparison.Ordinal);
    }
}
