using Xunit;

namespace Workshop.Labs.Tests.Cli;

/// <summary><c>workshop grade --extra-checks</c> refuses a broken hidden-checks file before grading anything, naming its file and line.</summary>
public sealed class HiddenChecksCliTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("workshop-hidden-cli-").FullName;

    [Fact]
    public async Task Grade_refuses_a_hidden_check_with_a_misspelt_field_naming_the_file_and_line()
    {
        var hidden = Directory.CreateDirectory(Path.Combine(_temp, "hidden")).FullName;
        await File.WriteAllTextAsync(Path.Combine(hidden, "hidden.json"),
            "{ \"lab\": \"04\", \"task\": \"t\",\n  \"checks\": [\n    { \"kind\": \"http\", \"path\": \"/\",\n      \"expectStatuss\": 200 } ] }\n");
        var submissions = Directory.CreateDirectory(Path.Combine(_temp, "submissions")).FullName;
        var (exit, log) = await CliRun.RunAsync(TimeSpan.FromMinutes(1), "grade", submissions, "--out", Path.Combine(_temp, "grades"),
            "--extra-checks", hidden, "--trust-submissions");
        Assert.Equal(2, exit);
        Assert.Contains("hidden.json:4: The JSON property 'expectStatuss' could not be mapped", log, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp, "grades", "feedback")), "nothing may be graded with broken hidden checks");
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);
}
