namespace Workshop.Playground.Features.Webhooks;

/// <summary>
/// Where the playground keeps its files (<c>webhooks.db</c>, <c>instance.lock</c>, the built site): one rule for
/// every feature, so the directory the lock guards is the directory the others write to.
/// </summary>
internal static class PlaygroundDataDirectory
{
    /// <summary><c>Workshop:DataDirectory</c> when set (blank counts as unset), else <c>.data</c> under the content root; always absolute.</summary>
    public static string Resolve(IConfiguration configuration, string contentRootPath)
    {
        var configured = configuration["Workshop:DataDirectory"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(contentRootPath, ".data") : configured);
    }
}
