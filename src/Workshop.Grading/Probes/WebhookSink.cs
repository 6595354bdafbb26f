using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workshop.Grading.Transcripts;

namespace Workshop.Grading.Probes;

/// <summary>
/// A webhook receiver for checks: Kestrel on <c>127.0.0.1:0</c> that answers each request with the status a
/// script chooses (given the path and how many requests that path had before) and records everything it got.
/// A 3xx answer carries <c>Location: /redirected</c>, so a sender that follows redirects is caught. The answer
/// <see cref="Drop"/> cuts the connection without a response. Every response closes its connection, so each
/// attempt of a sender arrives on a fresh one (a pooled connection the sink cut is never retried by the sender's
/// HTTP stack behind its back).
/// </summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<SinkRequest> _requests = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    // Captured at start: Kestrel handles requests outside the check's async flow.
    private readonly TranscriptRecorder? _transcript = TranscriptRecorder.Current;

    private WebhookSink(WebApplication app) => _app = app;

    /// <summary>The answer that aborts the connection instead of responding (recorded with status 0).</summary>
    public const int Drop = 0;

    /// <summary>The sink's base address.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Everything received so far, in arrival order.</summary>
    public IReadOnlyList<SinkRequest> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    /// <summary>Starts a sink whose answers come from <paramref name="answer"/>(path, earlier requests to that path).</summary>
    public static async Task<WebhookSink> StartAsync(Func<string, int, int> answer, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new WebhookSink(app);
        app.Run(context => sink.HandleAsync(context, answer));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return sink;
    }

    /// <summary>An absolute URL on the sink.</summary>
    public Uri Url(string path) => new(BaseAddress, path.TrimStart('/'));

    /// <summary>Waits (polling, with a deadline) until <paramref name="condition"/> holds for the requests; false if it never does.</summary>
    public async Task<bool> WaitForAsync(Func<IReadOnlyList<SinkRequest>, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _clock.Elapsed + timeout;
        while (!condition(Requests))
        {
            if (_clock.Elapsed > deadline) return false;
            await Task.Delay(25, cancellationToken);
        }
        return true;
    }

    private async Task HandleAsync(HttpContext context, Func<string, int, int> answer)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var path = context.Request.Path.Value ?? "/";
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        int status;
        lock (_requests)
        {
            status = answer(path, _requests.Count(r => r.Path == path));
            _requests.Add(new SinkRequest(path, _clock.Elapsed, headers, body.ToArray(), status));
        }
        _transcript?.Record(TranscriptParty.App, TranscriptParty.Sink, TranscriptKind.WebhookDelivery, WebhookDeliveries.Describe(context.Request.Method, path, headers, body.Length));
        if (status == Drop)
        {
            _transcript?.Record(TranscriptParty.Sink, TranscriptParty.App, TranscriptKind.Note, "connection dropped, no answer");
            context.Abort();
            return;
        }
        _transcript?.Record(TranscriptParty.Sink, TranscriptParty.App, TranscriptKind.HttpResponse, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.Response.Headers.Connection = "close";
        context.Response.StatusCode = status;
        if (status is >= 300 and < 400) context.Response.Headers.Location = "/redirected";
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2))) await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
