using Microsoft.Playwright;

namespace Workshop.Grading.Probes;

/// <summary>
/// Whether a page is still busy: its load event, the requests it has in flight and when it last started or ended one.
/// A feed is only judged hopeless once the page is loaded and has been quiet for a while, so a page that fetches
/// something first and connects afterwards (or a slow, loaded machine) still gets its chance.
/// </summary>
internal sealed class PageActivity
{
    private readonly Lock _gate = new();
    private readonly HashSet<IRequest> _inFlight = [];
    private long _loadedAt = -1;
    private long _lastActivity = Environment.TickCount64;

    public PageActivity(IPage page)
    {
        page.Load += (_, _) => { lock (_gate) _loadedAt = _lastActivity = Environment.TickCount64; };
        page.Request += (_, request) => Touch(request, add: true);
        page.RequestFinished += (_, request) => Touch(request, add: false);
        page.RequestFailed += (_, request) => Touch(request, add: false);
    }

    /// <summary>True once the page has loaded, has no request in flight, and started or ended none for <paramref name="grace"/>.</summary>
    public bool QuietFor(TimeSpan grace)
    {
        lock (_gate)
        {
            return _loadedAt >= 0 && _inFlight.Count == 0 && Environment.TickCount64 - _lastActivity >= (long)grace.TotalMilliseconds;
        }
    }

    private void Touch(IRequest request, bool add)
    {
        lock (_gate)
        {
            if (add) _inFlight.Add(request);
            else _inFlight.Remove(request);
            _lastActivity = Environment.TickCount64;
        }
    }
}
