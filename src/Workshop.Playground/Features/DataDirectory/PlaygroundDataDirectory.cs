namespace Workshop.Playground.Features.DataDirectory;

/// <summary>
/// Where the playground keeps its files (<c>webhooks.db</c>, <c>instance.lock</c>, the built site). Read from
/// configuration once, at registration (<see cref="DataDirectoryFeature.AddPlaygroundDataDirectory"/>), and then
/// taken from the container by every feature, so the directory the lock guards is the directory the others write to.
/// </summary>
public sealed class PlaygroundDataDirectory
{
    /// <summary>The configuration key (environment variable <c>Workshop__DataDirectory</c>).</summary>
    public const string Key = "Workshop:DataDirectory";

    private PlaygroundDataDirectory(string path) => Path = path;

    /// <summary>The absolute path of the directory; it exists.</summary>
    public string Path { get; }

    /// <summary>
    /// <see cref="Key"/> when set (blank counts as unset), else <c>.data</c> under the content root; created if
    /// missing. A path that cannot be a directory stops the start with a message naming the key.
    /// </summary>
    public static PlaygroundDataDirectory Resolve(IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[Key];
        var path = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? System.IO.Path.Combine(contentRootPath, ".data") : configured);
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Configuration key '{Key}' is '{path}', which cannot be used as a directory ({e.Message}). Point it at a writable folder.", e);
        }
        return new PlaygroundDataDirectory(path);
    }
}
