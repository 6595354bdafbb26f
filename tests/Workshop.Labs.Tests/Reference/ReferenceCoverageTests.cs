using System.Text.RegularExpressions;
using Workshop.Grading.Manifest;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Reference;

/// <summary>
/// labs.json says, for every lab and task, whether the reference playground covers it and why not; the reference
/// tests and the table in docs/labs.md follow from it. No playground is started here.
/// </summary>
public sealed partial class ReferenceCoverageTests
{
    private readonly LabManifest _manifest = RepoPaths.Manifest;

    [Fact]
    public void Every_task_in_labs_json_says_whether_the_reference_covers_it_and_a_lab_maps_paths_only_when_covered()
    {
        foreach (var lab in _manifest.Labs)
        {
            Assert.True(lab.Reference is not null, $"lab {lab.Id} has no \"reference\" in labs.json");
            foreach (var task in lab.Tasks) Assert.True(task.Reference is not null, $"lab {lab.Id} task {task.Id} has no \"reference\" in labs.json");
            var covered = lab.Tasks.Any(t => t.Reference!.Covered);
            Assert.True(covered || lab.Reference!.Paths.Count == 0, $"lab {lab.Id} maps paths but no task of it is covered");
            Assert.True(lab.Tasks.All(t => t.Reference!.Covered) || !string.IsNullOrWhiteSpace(lab.Reference!.NotCovered),
                $"lab {lab.Id} has tasks the reference does not cover but its \"reference\" does not say what the playground lacks");
        }
    }

    [Fact]
    public void Every_covered_task_has_its_own_reference_test()
    {
        var tests = typeof(ReferencePlaygroundTests).GetMethods().Select(m => m.Name).ToList();
        foreach (var lab in _manifest.Labs)
        {
            foreach (var task in lab.Tasks.Where(t => t.Reference?.Covered == true))
            {
                var name = $"Reference_passes_lab_{lab.Id}_{task.Id}";
                Assert.True(tests.Any(t => t == name || t.StartsWith(name + "_on_", StringComparison.Ordinal)), $"no test {name} for a task labs.json says the reference covers");
            }
        }
    }

    [Fact]
    public void Reference_table_in_docs_labs_md_matches_labs_json()
    {
        var rows = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "labs.md"))
            .SkipWhile(line => line != "## Which checks run against the reference").Skip(1)
            .TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal))
            .Select(line => TableRow().Match(line)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["lab"].Value, m => (Covered: m.Groups["covered"].Value.Trim(), Paths: m.Groups["paths"].Value.Trim()));
        foreach (var lab in _manifest.Labs.Where(l => l.Tasks.Any(t => t.Reference?.Covered == true)))
        {
            Assert.True(rows.ContainsKey(lab.Id), $"docs/labs.md's reference table has no row for lab {lab.Id}, which labs.json says is covered");
        }
        foreach (var (id, row) in rows)
        {
            var lab = _manifest.Find(id);
            Assert.True(lab is not null, $"docs/labs.md's reference table names lab {id}, which labs.json does not have");
            var expected = string.Join(", ", lab.Tasks.Where(t => t.Reference?.Covered == true).Select(t => Shown(lab, t)));
            Assert.Equal(expected.Length == 0 ? "—" : expected, row.Covered);
            foreach (var (from, to) in lab.Reference?.Paths ?? new Dictionary<string, string>())
            {
                Assert.Contains($"`{from}` → `{to}`", row.Paths, StringComparison.Ordinal);
            }
        }
    }

    // "razorpay (6 of 9)" when the task has checks the reference does not run, "verify (5)" when it runs them all.
    private static string Shown(LabInfo lab, LabTask task)
    {
        var all = Workshop.Grading.Checks.CheckCatalog.For(lab.Id).Count(c => c.Task == task.Id);
        var covered = task.Reference!.Checks.Count;
        return all > covered ? $"{task.Id} ({covered} of {all})" : $"{task.Id} ({covered})";
    }

    [GeneratedRegex(@"^\| (?<lab>\d\d) \| (?<covered>[^|]+) \| (?<paths>[^|]+) \|")]
    private static partial Regex TableRow();
}
