namespace Workshop.Playground.Features.Site;

/// <summary>Log messages of the course site feature.</summary>
internal static partial class CourseSiteLog
{
    [LoggerMessage(1, LogLevel.Information, "Course site built: {PageCount} pages in {ElapsedMs} ms into {OutputDirectory}")]
    public static partial void Built(ILogger logger, int pageCount, long elapsedMs, string outputDirectory);

    [LoggerMessage(2, LogLevel.Error, "Course site build failed; / redirects to /play/ instead. {Problems}")]
    public static partial void Failed(ILogger logger, string problems);

    [LoggerMessage(3, LogLevel.Warning, "No repository found above {ContentRoot} (set Site:RepositoryRoot); / redirects to /play/.")]
    public static partial void NoRepository(ILogger logger, string contentRoot);
}
