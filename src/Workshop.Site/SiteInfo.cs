namespace Workshop.Site;

/// <summary>Names shared by the generator, the CLI and the playground.</summary>
public static class SiteInfo
{
    /// <summary>The name shown in the site's header.</summary>
    public const string Title = "Realtime Protocols Workshop";

    /// <summary>The default output folder, relative to the repository root (ignored by git).</summary>
    public const string DefaultOutput = "artifacts/site";
}
