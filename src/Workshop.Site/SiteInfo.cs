namespace Workshop.Site;

/// <summary>Names shared by the generator, the CLI and the playground.</summary>
public static class SiteInfo
{
    /// <summary>The name shown in the site's header.</summary>
    public const string Title = "Realtime Protocols Workshop";

    /// <summary>The default output folder, relative to the repository root (ignored by git).</summary>
    public const string DefaultOutput = "artifacts/site";

    /// <summary>
    /// The playground's address when the site is opened without it (from disk or a static host): where
    /// <c>dotnet run --project src/Workshop.Playground</c> listens by default.
    /// </summary>
    public const string DefaultPlayground = "http://localhost:5000/play/";

    /// <summary>The playground's address relative to the site when the playground serves the site at <c>/</c>.</summary>
    public const string ServedPlayground = "play/index.html";
}
