using Workshop.Grading.Checks;
using Workshop.Grading.Running;
using Workshop.Labs.Tests.Grading;
using Xunit;

namespace Workshop.Labs.Tests.Labs;

/// <summary>
/// Every example in docs/hidden-checks/ (one per kind) passes on its lab's solution and fails on its start: the
/// documented files are real hidden checks, not prose.
/// </summary>
[Collection(LabsCollection.Name)]
public sealed class HiddenCheckExampleTests(LabSuiteFixture suite)
{
    private static readonly IReadOnlyDictionary<string, List<LabCheck>> Examples = ExtraCheckLoader.Load(ExtraCheckLoaderTests.Examples);

    [Theory]
    [InlineData("01")]
    [InlineData("04")]
    [InlineData("05")]
    [InlineData("06")]
    [InlineData("08")]
    public async Task The_hidden_check_examples_pass_on_the_labs_solution_and_fail_on_its_start(string labId)
    {
        var solution = await RunAsync(labId, LabTarget.Solution);
        Assert.True(solution.Error is null && solution.Passed,
            $"lab {labId}'s hidden examples should pass on the solution: {solution.Error}\n" + string.Join("\n", solution.Results.Select(r => $"{r.Passed} {r.Check}: {r.Observed}")));
        var start = await RunAsync(labId, LabTarget.Start);
        Assert.Null(start.Error);
        Assert.Contains(start.Results, r => !r.Passed);
    }

    private async Task<LabReport> RunAsync(string labId, LabTarget target)
    {
        var lab = suite.Manifest.Find(labId)!;
        var project = suite.Manifest.VariantDirectory(lab, target == LabTarget.Solution ? "solution" : "start");
        var output = Path.Combine(Path.GetTempPath(), "workshop-hidden-examples", $"{labId}-{target}-{Guid.NewGuid():N}");
        try
        {
            return await new LabRunner(suite.Browser).BuildAndRunAsync(lab, project, output, Examples[labId]);
        }
        finally
        {
            try
            {
                Directory.Delete(output, recursive: true);
            }
            catch (IOException)
            {
                // A build output still locked by a dying process: the OS's temp cleaner takes it.
            }
        }
    }
}
