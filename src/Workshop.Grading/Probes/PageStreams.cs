using Microsoft.Playwright;

namespace Workshop.Grading.Probes;

/// <summary>
/// The requests a page makes to one event-stream path (an EventSource's, or a fetch that reads the stream): lets a page
/// check stop waiting for text that can only come over that stream once it no longer can. That is when the page has
/// loaded and gone quiet (nothing in flight, nothing started for the grace) and either never asked for the stream, or
/// got only answers an EventSource gives up on for good: a status other than 200, or a type other than
/// text/event-stream. A stream that is open, or that failed on the network (an EventSource retries that), keeps the
/// full wait.
/// </summary>
public sealed class PageStreams : IPageFeed
{
    private readonly Lock _gate = new();
    private readonly PageActivity _activity;
    private readonly string _path;
    private readonly List<string> _refused = [];
    private int _requests;
    private bool _live;

    private PageStreams(IPage page, string path)
    {
        _path = path;
        _activity = new PageActivity(page);
        page.Request += (_, request) =>
        {
            if (IsStream(request)) lock (_gate) _requests++;
        };
        page.Response += (_, response) =>
        {
            if (!IsStream(response.Request)) return;
            var type = response.Headers.TryGetValue("content-type", out var t) ? t : "";
            lock (_gate)
            {
                if (response.Status == 200 && type.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase)) _live = true;
                else _refused.Add(response.Status == 200 ? $"GET {_path} answered the page with {(type.Length == 0 ? "no Content-Type" : type)}, not text/event-stream" : $"GET {_path} answered the page {response.Status}");
            }
        };
        page.RequestFailed += (_, request) =>
        {
            if (IsStream(request)) lock (_gate) _live = true; // a network error: an EventSource tries again, so wait in full
        };
    }

    /// <summary>Starts watching <paramref name="page"/> for requests to <paramref name="path"/> (before it navigates).</summary>
    public static PageStreams Watch(IPage page, string path) => new(page, path);

    /// <summary>How many graces a page that has no live stream gets (it may connect from a timer).</summary>
    internal const int NeverConnectedGraces = 3;

    /// <inheritdoc />
    public bool Hopeless(string text, TimeSpan grace)
    {
        lock (_gate)
        {
            // Three graces: a correct page may start its stream from a timer (a delayed or jittered first connect).
            return !_live && _activity.QuietFor(grace * NeverConnectedGraces);
        }
    }

    /// <inheritdoc />
    public string Why
    {
        get
        {
            lock (_gate)
            {
                return _requests == 0 ? $"the page never requested GET {_path}" : string.Join("; ", _refused.Distinct().Take(3));
            }
        }
    }

    private bool IsStream(IRequest request) =>
        Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && string.Equals(url.AbsolutePath, _path, StringComparison.Ordinal);
}
