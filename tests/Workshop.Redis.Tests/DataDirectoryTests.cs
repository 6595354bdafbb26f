using Workshop.Testing;

namespace Workshop.Redis.Tests;

/// <summary>Two playground processes started from one checkout must not share <c>webhooks.db</c>.</summary>
public sealed class DataDirectoryTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("workshop-datadir-").FullName;

    [Fact]
    public async Task A_second_playground_on_the_same_data_directory_is_refused_at_start_with_a_clear_message()
    {
        var environment = new Dictionary<string, string?> { ["Workshop__DataDirectory"] = _data };
        await using var first = await ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), environment);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), environment));

        Assert.Contains($"already running on the data directory '{_data}'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Workshop__DataDirectory", refused.Message, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = first.BaseAddress };
        Assert.True((await http.GetAsync("/health")).IsSuccessStatusCode); // the first one is untouched

        // Its own directory: the second instance starts.
        await using var second = await ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"),
            new Dictionary<string, string?> { ["Workshop__DataDirectory"] = Path.Combine(_data, "second") });
        Assert.False(second.HasExited);
    }

    [Fact]
    public async Task The_data_directory_is_free_again_once_its_playground_was_killed()
    {
        var environment = new Dictionary<string, string?> { ["Workshop__DataDirectory"] = _data };
        var first = await ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), environment);
        await first.KillAsync(); // SIGKILL: no clean-up code runs, the OS drops the lock
        await first.DisposeAsync();

        await using var next = await ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), environment);
        Assert.False(next.HasExited);
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
