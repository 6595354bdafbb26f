using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Workshop.Site.Tests.Build;

namespace Workshop.Site.Tests.Browser;

/// <summary>
/// The repository's built site on a real Kestrel (127.0.0.1, random port) under the sub-path <c>/course/</c>, which
/// proves that every link is relative.
/// </summary>
public sealed class SiteServer : IAsyncLifetime
{
    private readonly BuiltSite _site = new();
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public Uri Course => new(BaseAddress, "/course/");

    public string Output => _site.Output;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        var files = new PhysicalFileProvider(_site.Output);
        _app.Map("/course", course =>
        {
            course.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            course.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _site.Dispose();
    }
}
