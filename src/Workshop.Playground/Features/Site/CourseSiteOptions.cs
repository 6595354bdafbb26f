namespace Workshop.Playground.Features.Site;

/// <summary>The course site served at <c>/</c>; bound from the <c>Site</c> configuration section.</summary>
public sealed class CourseSiteOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Site";

    /// <summary>Build and serve the site at start-up (<c>Site:Enabled</c>, default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The repository holding <c>site/</c>, <c>labs/</c> and <c>notebooks/</c> (<c>Site:RepositoryRoot</c>); default: the
    /// first folder above the content root with a <c>Workshop.sln</c>.
    /// </summary>
    public string? RepositoryRoot { get; set; }

    /// <summary>Where the site is written (<c>Site:OutputDirectory</c>); default <c>&lt;Workshop:DataDirectory&gt;/site</c>.</summary>
    public string? OutputDirectory { get; set; }
}
