using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Playwright;
using Workshop.Grading.Checks;
using Workshop.Grading.Transcripts;

namespace Workshop.Grading.Probes;

/// <summary>
/// Measures how long a page waits before each WebSocket reconnect, with the browser's clock under the grader's
/// control: the page's timers only run when the probe advances the clock, so the delays it scheduled come out
/// exact on any machine, however loaded. After the first (real) connection, every later attempt is sent to a
/// listener of the probe's own that refuses it (accepts the TCP connection and closes it), as a server that is down.
/// </summary>
public static class ReconnectProbe
{
    private const string Shim = """
        (() => {
          const Real = window.WebSocket;
          const rec = { attempts: [], closes: [], refuseTo: null };
          window.__workshopReconnect = rec;
          class Observed extends Real {
            constructor(url, protocols) {
              const target = new URL(url, location.href);
              if (rec.refuseTo) target.host = rec.refuseTo;
              if (protocols === undefined) super(target.href); else super(target.href, protocols);
              rec.attempts.push(Date.now());
              this.addEventListener("close", () => { rec.closes.push(Date.now()); window.__workshopSocketClosed(); });
            }
          }
          window.WebSocket = Observed;
        })();
        """;

    /// <summary>The grader's clock advances in steps this long (the delays come out exact whatever the step).</summary>
    private const int StepMilliseconds = 250;

    /// <summary>
    /// Opens the page, waits until <paramref name="isOpen"/> holds, makes every later connection attempt fail,
    /// runs <paramref name="drop"/> (which must end the open connection) and measures <paramref name="count"/>
    /// reconnect delays, each from the close that preceded it to the next attempt (in the page's clock). Returns the
    /// delays, or the failure that stopped the measurement (the delays so far are in its text).
    /// </summary>
    public static async Task<(IReadOnlyList<double>? Delays, string? Failure)> MeasureAsync(IPage page, CheckContext context,
        Func<IPage, Task<bool>> isOpen, Func<Task<string?>> drop, int count, int giveUpMilliseconds)
    {
        using var refuser = new Refuser();
        var closed = Channel.CreateUnbounded<bool>();
        await page.ExposeFunctionAsync("__workshopSocketClosed", () => { closed.Writer.TryWrite(true); });
        await page.AddInitScriptAsync(Shim);
        await page.Clock.InstallAsync(new() { TimeDate = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc) });
        await page.GotoAsync(context.HttpUrl("/").ToString());
        if (!await isOpen(page)) return (null, "the page never showed \"open\"");
        // From here on the page's timers run only when the clock is advanced below.
        await page.Clock.PauseAtAsync(new DateTime(2026, 1, 1, 13, 0, 0, DateTimeKind.Utc));
        await page.EvaluateAsync("to => { window.__workshopReconnect.refuseTo = to; }", $"127.0.0.1:{refuser.Port}");
        if (await drop() is { } dropFailure) return (null, dropFailure);

        var delays = new List<double>();
        for (var k = 0; k < count; k++)
        {
            if (!await WaitForCloseAsync(closed.Reader, context.CancellationToken))
            {
                return (null, k == 0 ? "the page's connection did not close after the drop" : $"attempt {k} never ended (delays so far: {Format(delays)})");
            }
            var advanced = 0;
            while (await page.EvaluateAsync<int>("() => window.__workshopReconnect.attempts.length") <= k + 1)
            {
                if (advanced >= giveUpMilliseconds)
                {
                    return (null, $"no reconnect within {giveUpMilliseconds / 1000} s after attempt {k} failed (delays so far: {Format(delays)})");
                }
                await page.Clock.RunForAsync(StepMilliseconds);
                advanced += StepMilliseconds;
            }
            var times = await page.EvaluateAsync<double[]>("k => { const r = window.__workshopReconnect; return [r.closes[k], r.attempts[k + 1]]; }", k);
            delays.Add(times[1] - times[0]);
            context.Transcript.Record(TranscriptParty.Browser, TranscriptParty.App, TranscriptKind.Note,
                $"reconnect {k + 1}: {Format([times[1] - times[0]])} after the close (page clock)");
        }
        return (delays, null);
    }

    /// <summary>Delays as "180, 410, 900 ms" for an observation.</summary>
    public static string Format(IEnumerable<double> delays) => delays.Any()
        ? string.Join(", ", delays.Select(d => d.ToString("0", CultureInfo.InvariantCulture))) + " ms"
        : "none";

    private static async Task<bool> WaitForCloseAsync(ChannelReader<bool> closed, CancellationToken cancellationToken)
    {
        // Real time: a refused connection ends in milliseconds; 5 s is room for a loaded machine.
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await closed.ReadAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A loopback listener that accepts every connection and closes it at once: a WebSocket handshake that fails.</summary>
    private sealed class Refuser : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public Refuser()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        private async Task AcceptAsync()
        {
            try
            {
                while (true) (await _listener.AcceptSocketAsync(_stop.Token)).Dispose();
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
