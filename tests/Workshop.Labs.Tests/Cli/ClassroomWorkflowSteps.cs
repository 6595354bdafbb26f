using System.Text.RegularExpressions;

namespace Workshop.Labs.Tests.Cli;

/// <summary>The grading steps of an exported classroom.yml, read the way the test needs them (id, command, timeout, max-score).</summary>
public sealed partial record ClassroomWorkflowSteps(IReadOnlyList<ClassroomWorkflowSteps.Step> Steps, IReadOnlyList<string> Runners, IReadOnlyList<string> ResultEnvs, int ReporterIndex)
{
    public sealed record Step(string Id, string TestName, string Command, int Timeout, int MaxScore, int Index);

    public static ClassroomWorkflowSteps Parse(string yaml)
    {
        var blocks = yaml.Split("\n      - ");
        var steps = new List<Step>();
        var reporter = -1;
        for (var i = 0; i < blocks.Length; i++)
        {
            var block = blocks[i];
            if (block.Contains("uses: classroom-resources/autograding-grading-reporter@v1", StringComparison.Ordinal)) reporter = i;
            if (!block.Contains("uses: classroom-resources/autograding-command-grader@v1", StringComparison.Ordinal)) continue;
            steps.Add(new Step(Field(block, "id"), Field(block, "test-name"), Field(block, "command"), int.Parse(Field(block, "timeout")), int.Parse(Field(block, "max-score")), i));
        }
        var runners = Field(blocks[reporter], "runners").Split(',');
        var envs = ResultEnv().Matches(blocks[reporter]).Select(m => $"{m.Groups["name"].Value}={m.Groups["id"].Value}").ToList();
        return new ClassroomWorkflowSteps(steps, runners, envs, reporter);
    }

    private static string Field(string block, string name)
    {
        var match = Regex.Match(block, $@"^\s+{Regex.Escape(name)}: (?<value>.*)$", RegexOptions.Multiline);
        if (!match.Success) throw new FormatException($"no {name}: in\n{block}");
        var value = match.Groups["value"].Value.Trim();
        return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) : value;
    }

    [GeneratedRegex(@"^\s+(?<name>[A-Z0-9-]+_RESULTS): ""\$\{\{steps\.(?<id>[a-z0-9-]+)\.outputs\.result\}\}""\s*$", RegexOptions.Multiline)]
    private static partial Regex ResultEnv();
}
