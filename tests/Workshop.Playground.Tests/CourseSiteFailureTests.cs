using System.Net;
using Microsoft.Extensions.Hosting;
using Workshop.Testing.Hosting;

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
        await using var server = TestHost.StartApp<Program>(Environments.Development, new Dictionary<string, string?> { ["Site:RepositoryRoot"] = repo });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        var root = await http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/play/", root.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/play/")).StatusCode);
        Directory.Delete(repo, recursive: true);
    }
}
