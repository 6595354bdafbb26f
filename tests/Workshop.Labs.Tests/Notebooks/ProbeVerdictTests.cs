using Workshop.Grading.Notebooks;
using Xunit;

namespace Workshop.Labs.Tests.Notebooks;

/// <summary>The comparison the grader makes in its own process, over results files written by hand.</summary>
public sealed class ProbeVerdictTests
{
    private const string Nonce = "N0NCE";

    private static ProbeResults.Exercise Run(params string[] lines) =>
        ProbeResults.Parse(string.Join('\n', lines.Select(l => Nonce + "\tx\t" + l)), Nonce).Exercises["x"];

    private static string Case(int index, string kind, string value) => $"case\t{index}\t{kind}\t\"case {index}\"\t{System.Text.Json.JsonSerializer.Serialize(value)}";

    private static readonly ProbeResults.Exercise Expected = Run(Case(0, "ok", "\"a\""), Case(1, "ok", "≈1.5±0.001 and ≈2±1"), "end");

    [Fact]
    public void Results_equal_to_the_worked_answers_pass_with_numbers_inside_the_answers_tolerance() =>
        Assert.Equal(ExerciseVerdictKind.Passed, ProbeVerdict.Compare(Expected, Run(Case(0, "ok", "\"a\""), Case(1, "ok", "≈1.5004±0.001 and ≈2.9±1"), "end"), null).Kind);

    [Fact]
    public void A_tolerance_is_read_from_the_worked_answer_never_from_the_students_line()
    {
        var verdict = ProbeVerdict.Compare(Expected, Run(Case(0, "ok", "\"a\""), Case(1, "ok", "≈1.6±1000 and ≈2±1000"), "end"), null);
        Assert.Equal("wrong: case 1: expected ≈1.5±0.001 and ≈2±1, got ≈1.6±1000 and ≈2±1000", "wrong: " + verdict.Detail);
    }

    [Fact]
    public void The_first_differing_case_decides_and_not_implemented_is_not_done_yet()
    {
        Assert.Equal(ExerciseVerdictKind.NotDoneYet, ProbeVerdict.Compare(Expected, Run(Case(0, "notdone", ""), Case(1, "ok", "≈1.5±0.001 and ≈2±1"), "end"), null).Kind);
        var wrong = ProbeVerdict.Compare(Expected, Run(Case(0, "ok", "\"b\""), Case(1, "notdone", ""), "end"), null);
        Assert.Equal((ExerciseVerdictKind.Wrong, "case 0: expected \"a\", got \"b\""), (wrong.Kind, wrong.Detail));
    }

    [Theory]
    [InlineData("a second line for one case", new[] { "case\t0\tok\t\"case 0\"\t\"\\\"a\\\"\"", "case\t0\tok\t\"case 0\"\t\"\\\"a\\\"\"", "case\t1\tok\t\"case 1\"\t\"≈1.5±0.001 and ≈2±1\"", "end" })]
    [InlineData("a case the probe never ran", new[] { "case\t0\tok\t\"case 0\"\t\"\\\"a\\\"\"", "case\t1\tok\t\"case 1\"\t\"≈1.5±0.001 and ≈2±1\"", "case\t2\tok\t\"case 2\"\t\"\\\"a\\\"\"", "end" })]
    [InlineData("two ends", new[] { "case\t0\tok\t\"case 0\"\t\"\\\"a\\\"\"", "case\t1\tok\t\"case 1\"\t\"≈1.5±0.001 and ≈2±1\"", "end", "end" })]
    public void Results_written_twice_or_for_cases_that_do_not_exist_are_wrong(string what, string[] lines) =>
        Assert.True(ProbeVerdict.Compare(Expected, Run(lines), null).Detail.Contains("tampered", StringComparison.Ordinal), what);

    [Fact]
    public void Lines_without_the_runs_nonce_are_ignored()
    {
        var results = ProbeResults.Parse("OTHER\tx\tcase\t0\tok\t\"case 0\"\t\"\\\"a\\\"\"\n[passed] x\n", Nonce);
        Assert.Empty(results.Exercises);
        Assert.Equal(ExerciseVerdictKind.Wrong, ProbeVerdict.Compare(Expected, results.Exercises.GetValueOrDefault("x"), "exit code 1").Kind);
    }
}
