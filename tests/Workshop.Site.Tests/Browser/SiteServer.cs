using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;
using Workshop.Site.Tests.Build;
using Workshop.Testing.Hosting;

namespace Workshop.Site.Tests.Browser;

/// <summary>
/// The repository's built site on a <see cref="TestHost"/> under the sub-path <c>/course/</c>, which
/// proves that every link is relative.
/// </summary>
public sealed class SiteServer : IAsyncLifetime
{
    private readonly BuiltSite _site = new();
    private TestHost? _host;

    public Uri BaseAddress => _host?.BaseAddress ?? throw new InvalidOperationException("the site server is not started");

    public Uri Course => new(BaseAddress, "/course/");

    public string Output => _site.Output;

    public async Task InitializeAsync()
    {
        var files = new PhysicalFileProvider(_site.Output);
        _host = await TestHost.StartAsync(app => app.Map("/course", course =>
        {
            course.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            course.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        _site.Dispose();
    }
}
