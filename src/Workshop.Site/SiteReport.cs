namespace Workshop.Site;

/// <summary>What one build produced.</summary>
/// <param name="PageCount">HTML pages written.</param>
/// <param name="Elapsed">Wall-clock time of the build.</param>
/// <param name="OutputDirectory">The absolute folder the site was written to.</param>
public sealed record SiteReport(int PageCount, TimeSpan Elapsed, string OutputDirectory);
