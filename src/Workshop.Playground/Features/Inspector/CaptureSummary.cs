namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// What the bin's event stream pushes for each capture (<c>event: request</c>). Small on purpose: the stream's
/// replay log keeps many events per bin, so full bodies there would multiply memory; a page fetches the full
/// capture from <c>GET /api/bins/{bin}/requests/{id}</c>.
/// </summary>
/// <param name="Id">Capture id.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path and query (cut to 512 characters).</param>
/// <param name="BodyBytes">Body size.</param>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="Verdicts">Signature verdicts.</param>
public sealed record CaptureSummary(long Id, string Method, string Path, int BodyBytes, DateTimeOffset ReceivedAt, IReadOnlyList<SignatureVerdict> Verdicts)
{
    /// <summary>The summary of a capture.</summary>
    public static CaptureSummary From(CapturedRequest capture)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var path = capture.Path.Length > 512 ? capture.Path[..512] + "…" : capture.Path;
        return new(capture.Id, capture.Method, path, capture.BodyBytes, capture.ReceivedAt, capture.Verdicts);
    }
}
