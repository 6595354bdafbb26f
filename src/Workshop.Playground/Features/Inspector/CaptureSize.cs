namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// An estimate, in bytes, of the memory a capture holds: the raw body bytes, every string at two bytes a character
/// (the body's text or base64, the path, the method, the remote address, each header name and value, each
/// verdict's fields) and a fixed overhead per object (record, list entry, string header). Budgets count this
/// estimate, so a capture with a tiny body and large headers costs what it really holds.
/// </summary>
internal static class CaptureSize
{
    private const int ObjectOverhead = 32;
    private const int CaptureOverhead = 256;

    /// <summary>The estimate for <paramref name="capture"/>.</summary>
    public static long Estimate(CapturedRequest capture)
    {
        ArgumentNullException.ThrowIfNull(capture);
        long bytes = CaptureOverhead + capture.RawBody.Length;
        bytes += Text(capture.Body) + Text(capture.Path) + Text(capture.Method) + Text(capture.BodyEncoding) + Text(capture.RemoteAddress);
        foreach (var header in capture.Headers) bytes += ObjectOverhead + Text(header.Name) + Text(header.Value);
        foreach (var verdict in capture.Verdicts) bytes += ObjectOverhead + Text(verdict.Scheme) + Text(verdict.Reason) + Text(verdict.Detail) + Text(verdict.Secret);
        return bytes;
    }

    private static long Text(string? value) => value is null ? 0 : ObjectOverhead + 2L * value.Length;
}
