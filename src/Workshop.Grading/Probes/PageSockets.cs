using Microsoft.Playwright;

namespace Workshop.Grading.Probes;

/// <summary>
/// The WebSockets a page opened and the text frames they received: lets a page check stop waiting for text that can
/// only come over a WebSocket once it no longer can (every socket of the page closed, none carried it, none reopened;
/// or the page loaded and went quiet without opening any).
/// </summary>
public sealed class PageSockets : IPageFeed
{
    private const int MaxFrames = 200;
    private readonly Lock _gate = new();
    private readonly List<IWebSocket> _sockets = [];
    private readonly List<string> _received = [];
    private readonly PageActivity _activity;
    private long _lastOpened = Environment.TickCount64;

    private PageSockets(IPage page)
    {
        _activity = new PageActivity(page);
    }

    /// <summary>Starts watching <paramref name="page"/> (before it navigates, so its first socket is seen).</summary>
    public static PageSockets Watch(IPage page)
    {
        var watch = new PageSockets(page);
        page.WebSocket += (_, socket) => watch.Opened(socket);
        return watch;
    }

    private void Opened(IWebSocket socket)
    {
        lock (_gate)
        {
            _sockets.Add(socket);
            _lastOpened = Environment.TickCount64;
        }
        socket.FrameReceived += (_, frame) =>
        {
            lock (_gate) if (_received.Count < MaxFrames) _received.Add(frame.Text ?? "");
        };
    }

    /// <summary>
    /// True when <paramref name="text"/> can no longer arrive over a WebSocket: the page opened at least one, all of them
    /// are closed, none received a frame containing the text, and no new one opened for <paramref name="grace"/> (a page
    /// that reconnects at once gets its chance); or the page opened none, has loaded, and has had no request in flight
    /// for three times <paramref name="grace"/> (a page that fetches something before it connects gets its chance too).
    /// </summary>
    public bool Hopeless(string text, TimeSpan grace)
    {
        lock (_gate)
        {
            // A page that opened none gets three graces: a correct page may connect from a timer (a delayed or
            // jittered first attempt, as lab 03's reconnect teaches); one that closed without the text gets one.
            var patience = grace * PageStreams.NeverConnectedGraces;
            if (_sockets.Count == 0) return _activity.QuietFor(patience) && Environment.TickCount64 - _lastOpened >= (long)patience.TotalMilliseconds;
            return _sockets.All(s => s.IsClosed) && !_received.Any(f => f.Contains(text, StringComparison.Ordinal))
                && Environment.TickCount64 - _lastOpened >= (long)grace.TotalMilliseconds;
        }
    }

    /// <inheritdoc />
    public string Why
    {
        get
        {
            lock (_gate)
            {
                return _sockets.Count == 0
                    ? "the page opened no WebSocket"
                    : $"the page's WebSocket{(_sockets.Count == 1 ? " was" : "s were")} closed before the text came ({_received.Count} frame(s) received)";
            }
        }
    }
}
