using Microsoft.Playwright;

namespace Workshop.Grading.Probes;

/// <summary>
/// The WebSockets a page opened and the text frames they received: lets a page check stop waiting for text that can
/// only come over a WebSocket once it no longer can (every socket of the page closed, none carried it, none reopened).
/// </summary>
public sealed class PageSockets
{
    private const int MaxFrames = 200;
    private readonly Lock _gate = new();
    private readonly List<IWebSocket> _sockets = [];
    private readonly List<string> _received = [];
    private long _lastOpened = Environment.TickCount64;

    private PageSockets()
    {
    }

    /// <summary>Starts watching <paramref name="page"/> (before it navigates, so its first socket is seen).</summary>
    public static PageSockets Watch(IPage page)
    {
        var watch = new PageSockets();
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
    /// that reconnects at once gets its chance).
    /// </summary>
    public bool Hopeless(string text, TimeSpan grace)
    {
        lock (_gate)
        {
            return _sockets.Count > 0 && _sockets.All(s => s.IsClosed) && !_received.Any(f => f.Contains(text, StringComparison.Ordinal))
                && Environment.TickCount64 - _lastOpened >= (long)grace.TotalMilliseconds;
        }
    }
}
