using System.Globalization;
using System.Text;
using Workshop.Grading.Manifest;

namespace Workshop.Cli.Classroom;

/// <summary>
/// Writes <c>.github/workflows/classroom.yml</c> in GitHub Classroom's current format: one
/// <c>classroom-resources/autograding-command-grader@v1</c> step per lab task (its points as <c>max-score</c>),
/// then <c>classroom-resources/autograding-grading-reporter@v1</c> with every step id in <c>runners</c> and an
/// <c>&lt;ID&gt;_RESULTS</c> env per step. The steps run the instructor's CLI from <see cref="PinnedSource"/>.
/// </summary>
public static class ClassroomWorkflow
{
    /// <summary>The minutes each task's step may take (a lab build plus its checks).</summary>
    public const int TimeoutMinutes = 10;

    // A private instructor repository needs a token with read access, stored as this secret in the classroom's
    // organisation; a public one is read with the workflow's own token.
    private const string TokenExpression = "${{ secrets.WORKSHOP_INSTRUCTOR_TOKEN || github.token }}";

    /// <summary>The step id of a task: <c>lab01-welcome</c>.</summary>
    public static string StepId(LabInfo lab, LabTask task) => $"lab{lab.Id}-{task.Id}".ToLowerInvariant();

    /// <summary>The shell command of a task's step, run from the student repository's root.</summary>
    public static string Command(LabInfo lab, LabTask task) =>
        $"WORKSHOP_ROOT={PinnedSource.Folder} dotnet {PinnedSource.Cli} check {lab.Id} --path labs/{lab.Folder}/start --task {task.Id}";

    /// <summary>The workflow's YAML text.</summary>
    public static string Render(LabManifest manifest, PinnedSource source)
    {
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"""
            # GitHub Classroom autograding, written by `workshop classroom export`: one step per lab task, its points as
            # max-score. The checks come from the instructor's repository {source.Repository} at {source.Ref}, checked out
            # into {PinnedSource.Folder}/ on every run: never from files in this repository.
            name: Autograding Tests
            on:
              - push
              - workflow_dispatch
              - repository_dispatch
            permissions:
              checks: write
              actions: read
              contents: read
            jobs:
              run-autograding-tests:
                runs-on: ubuntu-latest
                if: github.actor != 'github-classroom[bot]'
                steps:
                  - name: Checkout code
                    uses: actions/checkout@v4
                  - name: Instructor's checks (pinned)
                    uses: actions/checkout@v4
                    with:
                      repository: {source.Repository}
                      ref: {source.Ref}
                      path: {PinnedSource.Folder}
                      token: {TokenExpression}
                  - uses: actions/setup-dotnet@v4
                    with:
                      global-json-file: {PinnedSource.Folder}/global.json
                  - name: Chromium for the page checks
                    run: {PinnedSource.Folder}/scripts/ensure-chromium.sh
                  - name: Build the instructor's workshop CLI
                    run: dotnet build {PinnedSource.Folder}/src/Workshop.Cli -c Release -nologo

            """);
        var ids = new List<string>();
        foreach (var lab in manifest.Labs)
        {
            foreach (var task in lab.Tasks)
            {
                var id = StepId(lab, task);
                ids.Add(id);
                yaml.Append(CultureInfo.InvariantCulture, $"""
                          - name: {Quote($"Lab {lab.Id} · {task.Title}")}
                            id: {id}
                            uses: classroom-resources/autograding-command-grader@v1
                            with:
                              test-name: {Quote($"Lab {lab.Id} · {task.Id}: {task.Title}")}
                              setup-command: ""
                              command: {Quote(Command(lab, task))}
                              timeout: {TimeoutMinutes}
                              max-score: {task.Points}

                    """);
            }
        }
        yaml.Append("""
                  - name: Autograding Reporter
                    uses: classroom-resources/autograding-grading-reporter@v1
                    env:

            """);
        foreach (var id in ids) yaml.Append("          ").Append(id.ToUpperInvariant()).Append("_RESULTS: \"${{steps.").Append(id).Append(".outputs.result}}\"\n");
        yaml.Append("        with:\n").Append("          runners: ").Append(string.Join(',', ids)).Append('\n');
        return yaml.ToString();
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
