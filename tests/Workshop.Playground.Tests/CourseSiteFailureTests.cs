using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace Workshop.Playground.Tests;

public sealed class CourseSiteFailureTests
{
    [Fact]
    public async Task A_site_with_a_broken_link_does_not_stop_the_playground_and_the_root_redirects_to_play()
    {
        var repo = Directory.CreateTempSubdirectory("broken-site-").FullName;
        Directory.CreateDirectory(Path.Combine(repo, "site"));
        File.WriteAllText(Path.Combine(repo, "site", "site.json"), """{ "sections": [ { "title": "Start", "pages": ["site/index.md"] } ] }""");
        File.WriteAllText(Path.Combine(repo, "site", "index.md"), "# Home\n\n[gone](gone.md)\n");
        await using var server = new BrokenSiteServer(repo);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        var root = await http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/play/", root.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/play/")).StatusCode);
        Directory.Delete(repo, recursive: true);
    }

    private sealed class BrokenSiteServer : WebApplicationFactory<Program>
    {
        private readonly string _repo;
        private readonly string _data = Directory.CreateTempSubdirectory("playground-site-").FullName;

        public BrokenSiteServer(string repo)
        {
            _repo = repo;
            UseKestrel(0);
            StartServer();
        }

        public Uri BaseAddress => ClientOptions.BaseAddress;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Development);
            builder.UseSetting("urls", "http://127.0.0.1:0");
            builder.UseSetting("Workshop:DataDirectory", _data);
            builder.UseSetting("Site:RepositoryRoot", _repo);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
        }
    }
}
