using System.Text.Json;
using Workshop.Grading.Manifest;

namespace Workshop.Labs.Tests.Mutants;

/// <summary>
/// Every mutant on disk: each lab's <c>mutants/mutants.json</c> (name, task, thought) joined with the
/// <c>mutants/*.patch</c> beside it. A patch without an entry, or an entry without a patch, is a problem to report.
/// </summary>
public static class MutantCatalog
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The mutants of every lab in the manifest, in lab then name order.</summary>
    public static IReadOnlyList<Mutant> Load(LabManifest manifest) =>
        manifest.Labs.SelectMany(lab => ForLab(manifest, lab)).ToList();

    /// <summary>What does not add up: patches without a manifest entry, entries without a patch, unknown tasks.</summary>
    public static IReadOnlyList<string> Problems(LabManifest manifest)
    {
        var problems = new List<string>();
        foreach (var lab in manifest.Labs)
        {
            var folder = Path.Combine(manifest.LabsDirectory, lab.Folder, "mutants");
            if (!Directory.Exists(folder)) continue;
            var entries = ReadEntries(folder);
            var names = entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var patch in Directory.GetFiles(folder, "*.patch"))
            {
                var name = Path.GetFileNameWithoutExtension(patch);
                if (!names.Contains(name)) problems.Add($"{lab.Folder}/mutants/{name}.patch has no entry in mutants.json");
            }
            foreach (var entry in entries)
            {
                if (!File.Exists(Path.Combine(folder, entry.Name + ".patch"))) problems.Add($"{lab.Folder}/mutants/mutants.json names {entry.Name}, but {entry.Name}.patch is missing");
                if (lab.FindTask(entry.Task) is null) problems.Add($"{lab.Folder} mutant {entry.Name} names unknown task '{entry.Task}'");
                if (string.IsNullOrWhiteSpace(entry.Thought)) problems.Add($"{lab.Folder} mutant {entry.Name} does not say what a learner was thinking");
                foreach (var also in entry.AlsoFails ?? [])
                {
                    if (lab.FindTask(also) is null || also == entry.Task) problems.Add($"{lab.Folder} mutant {entry.Name}: alsoFails names '{also}', not another task of the lab");
                }
                if (entry.AlsoFails is { Count: > 0 } && string.IsNullOrWhiteSpace(entry.AlsoFailsBecause)) problems.Add($"{lab.Folder} mutant {entry.Name}: alsoFails without alsoFailsBecause");
            }
        }
        return problems;
    }

    private static IEnumerable<Mutant> ForLab(LabManifest manifest, LabInfo lab)
    {
        var folder = Path.Combine(manifest.LabsDirectory, lab.Folder, "mutants");
        if (!Directory.Exists(folder)) return [];
        var entries = ReadEntries(folder).ToDictionary(e => e.Name, StringComparer.Ordinal);
        // Driven by the patches on disk: a new patch is a new test case (and fails loudly without its entry).
        return Directory.GetFiles(folder, "*.patch").Order(StringComparer.Ordinal).Select(patch =>
        {
            var name = Path.GetFileNameWithoutExtension(patch);
            var entry = entries.GetValueOrDefault(name);
            return new Mutant(lab.Id, name, entry?.Task ?? "", entry?.Thought ?? "", patch, entry?.AlsoFails ?? [], entry?.KnownHole);
        });
    }

    private static List<Entry> ReadEntries(string folder)
    {
        var path = Path.Combine(folder, "mutants.json");
        if (!File.Exists(path)) return [];
        return JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json)?.Mutants ?? [];
    }

    private sealed record Document(List<Entry> Mutants);

    private sealed record Entry(string Name, string Task, string Thought, List<string>? AlsoFails = null, string? AlsoFailsBecause = null, string? KnownHole = null);
}
