using System.Text;
using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Testing;
using Workshop.Labs.Tests.Labs;
using Xunit;
using Xunit.Abstractions;

namespace Workshop.Labs.Tests.Mutants;

/// <summary>
/// Every wrong-but-plausible solution on disk (<c>labs/NN-slug/mutants/*.patch</c>) fails exactly the task it names
/// and passes every other task of its lab: a check that lets a mutant through does not test the lesson.
/// Filter: <c>--filter "FullyQualifiedName~Mutant"</c> (or <c>Category=Mutants</c>, to run them as their own CI
/// step), and <c>WORKSHOP_MUTANT_LABS=03,06</c> for some labs only.
/// </summary>
[Collection(LabsCollection.Name)]
public sealed class MutantTests(LabSuiteFixture suite, ITestOutputHelper output)
{
    /// <summary>One row per patch found on disk: lab id and mutant name (strings, so each row is its own test case).</summary>
    public static TheoryData<string, string> Mutants()
    {
        var data = new TheoryData<string, string>();
        // WORKSHOP_MUTANT_LABS=03,06 narrows a local run to some labs (a theory's rows cannot be filtered by trait).
        var only = Environment.GetEnvironmentVariable("WORKSHOP_MUTANT_LABS")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var mutant in MutantCatalog.Load(RepoPaths.Manifest))
        {
            if (only is { Length: > 0 } && !only.Contains(mutant.Lab)) continue;
            data.Add(mutant.Lab, mutant.Name);
        }
        return data;
    }

    [Fact]
    public void Every_patch_has_a_manifest_entry_naming_a_real_task_and_a_thought()
    {
        var problems = MutantCatalog.Problems(suite.Manifest);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.NotEmpty(MutantCatalog.Load(suite.Manifest));
    }

    [Theory, MemberData(nameof(Mutants)), Trait("Category", "Mutants")]
    public async Task Mutant_fails_exactly_its_task_and_passes_every_other(string lab, string name)
    {
        var mutant = MutantCatalog.Load(suite.Manifest).Single(m => m.Lab == lab && m.Name == name);
        var report = await suite.MutantReportAsync(mutant);
        Assert.True(report.Error is null, $"mutant {mutant} should build and run, but: {report.Error}");

        var own = report.Results.Where(r => r.Task == mutant.Task).ToList();
        Assert.True(own.Count > 0, $"lab {lab} has no checks for task {mutant.Task}");
        if (mutant.KnownHole is { } hole)
        {
            // Strict: a hole that closed must be noticed, so the mutant goes back to guarding the check.
            output.WriteLine($"known hole: {hole}");
            Assert.True(own.All(r => r.Passed), Describe($"mutant {mutant} is caught now: remove \"knownHole\" from its entry ({hole})", own));
            return;
        }
        Assert.True(own.Any(r => !r.Passed), Describe($"mutant {mutant} ({mutant.Thought}) should fail task {mutant.Task}, but every check passed", own));

        // What the mutant was caught by, in the test's output: a reviewer sees the reason, not only the verdict.
        foreach (var r in own.Where(r => !r.Passed)) output.WriteLine($"caught by [{r.Task}] {r.Check}: {r.Observed}");

        var others = report.Results.Where(r => r.Task != mutant.Task && !mutant.AlsoFails.Contains(r.Task) && !r.Passed).ToList();
        Assert.True(others.Count == 0, Describe($"mutant {mutant} should fail only task {mutant.Task}, but it also failed", others));
        foreach (var also in mutant.AlsoFails)
        {
            // A declared knock-on failure must really happen, or the declaration is stale and hides nothing.
            Assert.True(report.Results.Any(r => r.Task == also && !r.Passed), $"mutant {mutant} declares that it also fails {also}, but that task passed");
        }
    }

    private static string Describe(string title, List<CheckResult> results)
    {
        var text = new StringBuilder(title).Append(':');
        foreach (var r in results) text.Append($"\n  {(r.Passed ? "✓" : "✗")} [{r.Task}] {r.Check}\n    expected: {r.Expected}\n    observed: {r.Observed}");
        return text.ToString();
    }
}
