namespace Workshop.Site;

/// <summary>Placeholder until the generator lands.</summary>
public static class SiteInfo
{
    /// <summary>The name shown in the site's header.</summary>
    public const string Title = "Realtime Protocols Workshop";
}
