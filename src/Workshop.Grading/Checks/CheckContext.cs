using Workshop.Grading.Probes;
using Workshop.Grading.Transcripts;

namespace Workshop.Grading.Checks;

/// <summary>
/// What a check gets: where the target lives, an HTTP client for it, a browser, a deadline, a way to restart a lab
/// the checks started, and (for a target whose paths differ from the lab's, such as the reference playground) a
/// map from the lab's paths to the target's.
/// </summary>
public sealed class CheckContext(Uri baseAddress, HttpClient http, BrowserSession browser, CancellationToken cancellationToken,
    IReadOnlyDictionary<string, string>? pathMap = null, Func<CancellationToken, Task>? restartLab = null, Action<int>? openGraderPort = null,
    TranscriptRecorder? transcript = null)
{
    /// <summary>The target's base address, e.g. <c>http://127.0.0.1:41234/</c> (a lab process or the playground).</summary>
    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>An HTTP client whose base address is the target.</summary>
    public HttpClient Http { get; } = http;

    /// <summary>The shared headless browser (launched on first use).</summary>
    public BrowserSession Browser { get; } = browser;

    /// <summary>Cancelled when the check's time is up.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>
    /// What the check exchanges with the target (the probes record into it through <see cref="TranscriptRecorder.Current"/>);
    /// a check may add a note of its own. Shown with the check when it fails.
    /// </summary>
    public TranscriptRecorder Transcript { get; } = transcript ?? new TranscriptRecorder(TimeProvider.System);

    /// <summary>True when the checks started the lab themselves and can restart it (not for an already running <c>--url</c>).</summary>
    public bool CanRestartLab => restartLab is not null;

    /// <summary>
    /// Kills the lab and starts it again on the same address (same folder, so files it keeps survive); throws
    /// <see cref="InvalidOperationException"/> when the target was not started by the checks.
    /// </summary>
    public Task RestartLabAsync() => restartLab is null
        ? throw new InvalidOperationException("this check restarts the lab, which works only when the checks start it themselves (not with --url)")
        : restartLab(CancellationToken);

    /// <summary>
    /// Makes <paramref name="url"/> (a receiver the check runs on the grader's loopback, e.g. a webhook sink) reachable
    /// from the lab at the same address. Needed before handing such a URL to a sandboxed lab; a no-op otherwise.
    /// </summary>
    public void OpenToLab(Uri url) => openGraderPort?.Invoke(url.Port);

    /// <summary>
    /// What earlier checks of this run learned about why a task fails (see <see cref="TaskMemory"/>): lets a check skip
    /// a wait its own task already lost.
    /// </summary>
    public TaskMemory Memory => TaskMemory.Of(Http);

    /// <summary>The lab's path → the target's path (empty for a lab, which serves the lab's own paths).</summary>
    public IReadOnlyDictionary<string, string> PathMap { get; } = pathMap ?? new Dictionary<string, string>();

    /// <summary>The target's path and query for the lab's <paramref name="pathAndQuery"/> (the query is kept).</summary>
    public string MapPath(string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        return PathMap.TryGetValue(path, out var mapped) ? mapped + (query < 0 ? "" : pathAndQuery[query..]) : pathAndQuery;
    }

    /// <summary>An absolute http(s) URL for a lab path on the target (mapped through <see cref="PathMap"/>).</summary>
    public Uri HttpUrl(string pathAndQuery) => new(BaseAddress, MapPath(pathAndQuery).TrimStart('/'));

    /// <summary>The ws(s) URL for a path on the target.</summary>
    public Uri WsUrl(string pathAndQuery)
    {
        var http = HttpUrl(pathAndQuery);
        return new UriBuilder(http) { Scheme = http.Scheme == "https" ? "wss" : "ws" }.Uri;
    }
}
