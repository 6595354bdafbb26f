using Workshop.Testing;

namespace Workshop.Security.Tests.Hosting;

/// <summary>
/// A second playground started on a running one's data directory is refused; the refusal must come before it writes
/// anything there (mapping the course site rebuilds <c>{data}/site</c>), or the refused one wipes the running one's site.
/// </summary>
public sealed class DataDirectoryLockTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("playground-lock-").FullName;

    [Fact]
    public async Task A_refused_second_playground_leaves_the_running_instances_site_untouched()
    {
        var environment = new Dictionary<string, string?> { ["Workshop__DataDirectory"] = _data };
        await using var first = await ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), environment);
        var site = Path.Combine(_data, "site");
        Assert.True(File.Exists(Path.Combine(site, "index.html")), "the running playground built its site");
        var marker = Path.Combine(site, "written-by-the-running-instance.txt");
        await File.WriteAllTextAsync(marker, "still here");

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), environment));

        Assert.True(File.Exists(marker), "the refused instance deleted the running one's site");
        Assert.True(File.Exists(Path.Combine(site, "index.html")));
        using var http = new HttpClient { BaseAddress = first.BaseAddress };
        Assert.True((await http.GetAsync("/")).IsSuccessStatusCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying child: the OS cleans the temp folder later.
        }
    }
}
