using Workshop.Labs.Tests.Cli;
using Xunit;

namespace Workshop.Labs.Tests.Notebooks;

/// <summary>
/// `workshop grade --seed N` replays a run's random notebook cases: the seed a run used is in the instructor's
/// summary.txt (never in a student's feedback), and two runs with the same seed grade alike, to the byte.
/// </summary>
public sealed class GradeSeedTests : IDisposable
{
    // Not CreateTempSubdirectory (mode 0700): the sandbox's user must reach the folders under it.
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "workshop-seed-" + Guid.NewGuid().ToString("N"))).FullName;

    // Right on the check cell's three fixed cases, wrong from the first random one on: the verdict names that case.
    private const string RightOnlyOnTheFixedCases = """
        // Your turn (00-websocket-url): the WebSocket URL for a page's address and an endpoint path
        var calls = 0;
        string WebSocketUrlFor(string pageUrl, string path)
        {
            var page = new Uri(pageUrl);
            return ++calls <= 3 ? $"{(page.Scheme == "https" ? "wss" : "ws")}://{page.Authority}{path}" : "ws://wrong";
        }
        """;

    [Fact]
    public async Task Two_runs_with_the_same_seed_draw_the_same_cases_and_write_the_same_gradebook_and_feedback()
    {
        var submissions = Path.Combine(_root, "submissions");
        new NotebookSubmission(Path.Combine(submissions, "dana")).Write(id => id == "00-websocket-url" ? RightOnlyOnTheFixedCases : null);

        var runs = await Task.WhenAll(new[] { ("a", "4242"), ("b", "4242"), ("c", "4243") }.Select(async run =>
        {
            var output = Path.Combine(_root, "out-" + run.Item1);
            var (exit, log) = await CliRun.RunAsync(TimeSpan.FromMinutes(10), "grade", submissions, "--out", output, "--labs", "nb00", "--jobs", "1", "--seed", run.Item2);
            Assert.True(exit == 0, log);
            return output;
        }));

        string Read(int run, string file) => File.ReadAllText(Path.Combine(runs[run], file));
        Assert.Contains("notebook-seed: 4242", Read(0, "summary.txt"), StringComparison.Ordinal);
        var feedback = Read(0, Path.Combine("feedback", "dana.md"));
        Assert.Contains("wrong: WebSocketUrlFor(", feedback, StringComparison.Ordinal); // a random case, named with its inputs
        Assert.DoesNotContain("4242", feedback, StringComparison.Ordinal);
        Assert.Equal(Read(0, "gradebook.csv"), Read(1, "gradebook.csv"));
        Assert.Equal(feedback, Read(1, Path.Combine("feedback", "dana.md")));
        // The cases do come from the seed: another one names another first random case.
        Assert.Contains("notebook-seed: 4243", Read(2, "summary.txt"), StringComparison.Ordinal);
        Assert.NotEqual(feedback, Read(2, Path.Combine("feedback", "dana.md")));
    }

    [Fact]
    public async Task Grade_refuses_a_negative_seed()
    {
        Directory.CreateDirectory(Path.Combine(_root, "submissions", "erin"));

        var (exit, log) = await CliRun.RunAsync(TimeSpan.FromMinutes(2), "grade", Path.Combine(_root, "submissions"), "--out", Path.Combine(_root, "out"), "--seed", "-1");

        Assert.Equal(2, exit);
        Assert.Contains("--seed must be 0 or more", log, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
