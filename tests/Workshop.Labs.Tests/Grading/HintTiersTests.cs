using System.Text.RegularExpressions;
using Workshop.Grading.Manifest;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Grading;

/// <summary>Every task's hints come in three levels, guide before they give code, and fit the start they are for.</summary>
public sealed partial class HintTiersTests
{
    private static readonly LabManifest Manifest = RepoPaths.Manifest;

    public static TheoryData<string> LabIds() => [.. Manifest.Labs.Select(l => l.Id)];

    [Theory]
    [MemberData(nameof(LabIds))]
    public void Every_task_has_a_nudge_a_concept_and_code_and_only_level_3_holds_code(string labId)
    {
        foreach (var task in Manifest.Find(labId)!.Tasks)
        {
            Assert.True(task.Hints is not null, $"lab {labId} task {task.Id} has no hints");
            foreach (var level in new[] { 1, 2 })
            {
                var text = task.Hints!.Level(level);
                Assert.DoesNotContain("```", text, StringComparison.Ordinal);
                foreach (Match span in Backticked().Matches(text))
                {
                    Assert.False(CodeLike().IsMatch(span.Groups[1].Value), $"lab {labId} task {task.Id} level {level}: `{span.Groups[1].Value}` is code, not a name");
                }
                var prose = Backticked().Replace(Links().Replace(text, ""), "");
                Assert.False(StatementLike().IsMatch(prose), $"lab {labId} task {task.Id} level {level} holds code outside backticks: {prose}");
            }
            Assert.Matches(@"https://|notebooks/|docs/|README\.md", task.Hints!.Concept);
            Assert.NotEmpty(task.Hints.Files);
        }
    }

    [Theory]
    [MemberData(nameof(LabIds))]
    public void Every_path_a_hint_names_exists(string labId)
    {
        var lab = Manifest.Find(labId)!;
        foreach (var task in lab.Tasks)
        {
            foreach (Match path in RepoPath().Matches(task.Hints!.Concept))
            {
                Assert.True(File.Exists(Path.Combine(RepoPaths.Root, path.Value)), $"lab {labId} task {task.Id} names {path.Value}, which does not exist");
            }
            foreach (var file in task.Hints.Files)
            {
                Assert.True(File.Exists(Path.Combine(Manifest.VariantDirectory(lab, "start"), file)), $"lab {labId} task {task.Id}: the start has no {file}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(LabIds))]
    public void Every_start_declares_what_its_level_3_hints_refer_to(string labId)
    {
        var lab = Manifest.Find(labId)!;
        var start = Manifest.VariantDirectory(lab, "start");
        var earlier = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var task in lab.Tasks)
        {
            var files = task.Hints!.Files.Select(f => (f, File.ReadAllText(Path.Combine(start, f)))).ToList();
            var missing = HintCodeReferences.Missing(task.Hints.Code, files, earlier);
            if (missing.Count > 0) problems.Add($"task {task.Id}: {string.Join(", ", missing)} not in {string.Join(", ", task.Hints.Files)}");
            earlier.UnionWith(HintCodeReferences.Declared(task.Hints.Code));
        }
        Assert.True(problems.Count == 0, $"lab {labId}'s start lacks what its hints use: " + string.Join("; ", problems));
    }

    [Fact]
    public void The_reference_check_finds_an_undeclared_variable_and_a_missing_using()
    {
        const string Start = "var app = WebApplication.CreateBuilder(args).Build();\napp.MapGet(\"/events\", async (HttpContext context) => { });\n";

        var missing = HintCodeReferences.Missing(
            "await socket.SendAsync(Encoding.UTF8.GetBytes(\"hi\"), WebSocketMessageType.Text, true, token);\nreturn TypedResults.ServerSentEvents(feed.WatchAsync(token));",
            [("Program.cs", Start)], new HashSet<string>());

        Assert.Equal(["socket", "Encoding", "WebSocketMessageType", "token", "feed"], missing);
        Assert.Empty(HintCodeReferences.Missing("var x = Encoding.UTF8; context.Abort(); x.ToString();",
            [("Program.cs", "using System.Text;\n" + Start)], new HashSet<string>()));
    }

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex Backticked();

    // Calls, blocks, statements, assignments, lambdas and string literals are code; names, headers and fields are not.
    [GeneratedRegex(@"[(){};""]|=>|\s=\s|\bnew\s|\bawait\s")]
    private static partial Regex CodeLike();

    // A call ending a statement, a lambda, an object creation or an await, written as plain prose.
    [GeneratedRegex(@"\w\([^)]*\)\s*;|=>|\w\s*=\s*new\b|\bawait\s+\w")]
    private static partial Regex StatementLike();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();

    [GeneratedRegex(@"(?<![\w/.])(?:labs|notebooks|docs|site)/[\w./-]*\w")]
    private static partial Regex RepoPath();
}
