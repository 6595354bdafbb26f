using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Workshop.Site;

namespace Workshop.Playground.Features.Site;

/// <summary>Serves the generated course site at <c>/</c>, rebuilt from the repository at every start.</summary>
public static class SiteFeature
{
    /// <summary>Registers the site's options (configuration section <c>Site</c>).</summary>
    public static IServiceCollection AddCourseSite(this IServiceCollection services)
    {
        services.AddOptions<CourseSiteOptions>().BindConfiguration(CourseSiteOptions.SectionName)
            .Validate(o => o.RepositoryRoot is null || Directory.Exists(o.RepositoryRoot),
                $"{CourseSiteOptions.SectionName}:{nameof(CourseSiteOptions.RepositoryRoot)} names a folder that does not exist.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Builds the site (a fraction of a second) and serves its files after the playground's own; <c>/play/</c> stays
    /// the playground's. If the site cannot be built, the failure is logged and <c>/</c> redirects to <c>/play/</c>, so
    /// a broken link in a page never takes the playground down.
    /// </summary>
    public static WebApplication MapCourseSite(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<CourseSiteOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Workshop.Playground.Site");
        var output = options.Enabled ? Build(app, options, logger) : null;
        if (output is null)
        {
            app.MapGet("/", () => Results.Redirect("/play/"));
            return app;
        }
        var files = new PhysicalFileProvider(output);
        app.Lifetime.ApplicationStopped.Register(files.Dispose);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        return app;
    }

    private static string? Build(WebApplication app, CourseSiteOptions options, ILogger logger)
    {
        var root = options.RepositoryRoot ?? FindRepository(app.Environment.ContentRootPath);
        if (root is null)
        {
            CourseSiteLog.NoRepository(logger, app.Environment.ContentRootPath);
            return null;
        }
        var output = options.OutputDirectory ?? Path.Combine(app.Services.GetRequiredService<PlaygroundDataDirectory>().Path, "site");
        try
        {
            // Served beside the playground, the header's link is relative: it follows whatever host and port this runs on.
            var report = SiteBuilder.Build(root, output, new SiteOptions { PlaygroundUrl = SiteInfo.ServedPlayground });
            CourseSiteLog.Built(logger, report.PageCount, (long)report.Elapsed.TotalMilliseconds, report.OutputDirectory);
            return report.OutputDirectory;
        }
        catch (Exception e) when (e is SiteBuildException or IOException or UnauthorizedAccessException)
        {
            // Broken content, or another instance writing the same folder: the playground itself still starts.
            CourseSiteLog.Failed(logger, e.Message);
            return null;
        }
    }

    private static string? FindRepository(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workshop.sln")) && Directory.Exists(Path.Combine(dir.FullName, "site"))) return dir.FullName;
        }
        return null;
    }
}
