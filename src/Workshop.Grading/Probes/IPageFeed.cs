namespace Workshop.Grading.Probes;

/// <summary>
/// Where a page's awaited text can come from (its WebSockets, an event stream): says when the text can no longer
/// arrive, so a page check can give its verdict then instead of at its deadline, and why.
/// </summary>
public interface IPageFeed
{
    /// <summary>
    /// True when <paramref name="text"/> can no longer reach the page this way; <paramref name="grace"/> is how long the
    /// page must have been quiet first (a page that reconnects or chains its requests gets its chance).
    /// </summary>
    bool Hopeless(string text, TimeSpan grace);

    /// <summary>The earliest concrete cause once <see cref="Hopeless"/> said so (e.g. "the page never requested GET /events").</summary>
    string Why { get; }
}
