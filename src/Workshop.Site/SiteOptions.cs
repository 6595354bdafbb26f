namespace Workshop.Site;

/// <summary>How one build of the site is made, beyond what <c>site/site.json</c> says.</summary>
public sealed record SiteOptions
{
    /// <summary>
    /// Where the header's "Playground" link points: a relative address where the playground serves the site beside
    /// itself (<c>play/index.html</c>), an absolute one for a static host. Null: <c>site/site.json</c>'s
    /// <c>"playground"</c>, else <see cref="SiteInfo.DefaultPlayground"/>.
    /// </summary>
    public string? PlaygroundUrl { get; init; }
}
