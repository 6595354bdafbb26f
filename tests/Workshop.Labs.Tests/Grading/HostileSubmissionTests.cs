using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;
using Workshop.Labs.Tests.Cli;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Grading;

/// <summary>
/// Acceptance of the sandbox, from outside: `workshop grade` (the real CLI, bubblewrap, a real build and app) grades
/// a hostile lab 01 beside an honest one. Needs bubblewrap (scripts/ensure-bubblewrap.sh installs it): without it
/// the grader refuses and this test fails, in CI and elsewhere; it is never skipped.
/// </summary>
public sealed class HostileSubmissionTests : IDisposable
{
    private const string Lab = "01-websocket-welcome-echo";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "workshop-hostile-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_hostile_submission_is_graded_beside_an_honest_one_without_escaping_its_sandbox()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
        var secretFile = Path.Combine(outside, "secret.txt");
        var fileSecret = "FILE-SECRET-" + Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(secretFile, fileSecret);
        var envSecret = "ENV-SECRET-" + Guid.NewGuid().ToString("N");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var marker = "hostile-marker-" + Guid.NewGuid().ToString("N");
        var hostile = new HostileSubmission(outside, secretFile, ((IPEndPoint)listener.LocalEndpoint).Port, marker);

        var submissions = Path.Combine(_root, "submissions");
        var solution = Path.Combine(RepoPaths.Root, "labs", Lab, "solution");
        TempRepoCopy.Copy(solution, Path.Combine(submissions, "honest", "labs", Lab, "start"));
        var hostileStart = Path.Combine(submissions, "=hostile", "labs", Lab, "start");
        TempRepoCopy.Copy(solution, hostileStart);
        hostile.WriteInto(hostileStart);
        var output = Path.Combine(_root, "out");

        var (exit, log) = await CliRun.RunWithAsync(RepoPaths.Root, new Dictionary<string, string> { ["WORKSHOP_TEST_SECRET"] = envSecret },
            TimeSpan.FromMinutes(6), "grade", submissions, "--out", output, "--labs", "01");

        Assert.True(exit == 0, log);
        var rows = (await File.ReadAllLinesAsync(Path.Combine(output, "gradebook.csv"))).ToList();
        foreach (var task in new[] { "welcome,2,2", "echo,3,3", "close,2,2", "page,3,3" }) Assert.Contains($"honest,01,{task}", rows);
        Assert.Contains("'=hostile,01,welcome,0,2", rows);
        var feedback = await File.ReadAllTextAsync(Path.Combine(output, "feedback", "=hostile.md"));
        // The attacks ran, and each one failed inside the sandbox.
        foreach (var evidence in new[] { "env=unset tcp=SocketException \\\\x1B", "read=DirectoryNotFoundException w=no,ok kids=2", "wwwroot/x.txt was not taken: it is a symbolic link" })
        {
            Assert.True(feedback.Contains(evidence, StringComparison.Ordinal), $"the feedback lacks \"{evidence}\":\n{feedback}");
        }
        Assert.Contains("10 / 10", await File.ReadAllTextAsync(Path.Combine(output, "feedback", "honest.md")), StringComparison.Ordinal);

        Assert.Equal([secretFile], Directory.GetFiles(outside));
        Assert.False(File.Exists("/tmp/app-wrote-tmp.txt"), "the app wrote to the grader's /tmp");
        Assert.False(listener.Pending(), "the submission connected to a port on the grader's loopback");
        foreach (var file in Directory.GetFiles(output, "*", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain(envSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(fileSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain('\u001b', text);
            Assert.DoesNotContain('\0', text);
            Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        }
        XDocument.Load(Path.Combine(output, "junit.xml"));
        XDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "feedback", "=hostile.html")));
        await Eventually.HoldsAsync(() => ProcessesWith(marker).Count == 0, $"no process of the hostile submission is left ({string.Join(", ", ProcessesWith(marker))})",
            TimeSpan.FromSeconds(5));
    }

    private static List<string> ProcessesWith(string marker)
    {
        var found = new List<string>();
        foreach (var dir in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(marker, StringComparison.Ordinal)) found.Add(Path.GetFileName(dir));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }
        return found;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the OS's temp cleaner.
        }
    }
}
