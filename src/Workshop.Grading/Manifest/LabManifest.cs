using System.Text.Json;

namespace Workshop.Grading.Manifest;

/// <summary>The list of labs (<c>labs/labs.json</c>), read once and looked up by id.</summary>
public sealed class LabManifest
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    private LabManifest(string labsDirectory, IReadOnlyList<LabInfo> labs)
    {
        LabsDirectory = labsDirectory;
        Labs = labs;
    }

    /// <summary>The folder holding <c>labs.json</c> and the lab folders.</summary>
    public string LabsDirectory { get; }

    /// <summary>The labs in their teaching order.</summary>
    public IReadOnlyList<LabInfo> Labs { get; }

    /// <summary>Reads <paramref name="manifestPath"/>; a missing or malformed file throws with the path in the message.</summary>
    public static LabManifest Load(string manifestPath)
    {
        if (!File.Exists(manifestPath)) throw new FileNotFoundException($"No lab manifest at {manifestPath}", manifestPath);
        ManifestFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ManifestFile>(File.ReadAllText(manifestPath), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{manifestPath} is not a valid lab manifest: {e.Message}", e);
        }
        var labs = (file?.Labs ?? []).Select(l => new LabInfo(
            l.Id ?? throw new InvalidDataException($"{manifestPath}: a lab has no id"),
            l.Folder ?? throw new InvalidDataException($"{manifestPath}: lab {l.Id} has no folder"),
            l.Title ?? l.Folder,
            (l.Tasks ?? []).Select(t => new LabTask(t.Id ?? "?", t.Title ?? t.Id ?? "?", t.Points, Hints(manifestPath, l, t))
            {
                Reference = Reference(manifestPath, l, t),
            }).ToList(),
            l.Hints ?? [])
        {
            Editable = Editable(manifestPath, l),
            Reference = l.Reference is null ? null : new LabReference(l.Reference.Paths ?? [], l.Reference.NotCovered),
        }).ToList();
        return new LabManifest(Path.GetDirectoryName(Path.GetFullPath(manifestPath))!, labs);
    }

    // Required: without it grading would not know which files of a submission to take.
    private static List<EditableGlob> Editable(string manifestPath, ManifestLab lab)
    {
        if (lab.Editable is not { Count: > 0 }) throw new InvalidDataException($"{manifestPath}: lab {lab.Id} has no \"editable\" list (the files a learner edits, e.g. \"**/*.cs\")");
        try
        {
            return lab.Editable.Select(EditableGlob.Parse).ToList();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{manifestPath}: lab {lab.Id}: {e.Message}", e);
        }
    }

    // Optional (a lab in the making may have none yet), but all three levels or none: ManifestTests demands them.
    private static TaskHints? Hints(string manifestPath, ManifestLab lab, ManifestTask task)
    {
        if (task.Hints is null) return null;
        var h = task.Hints;
        if (string.IsNullOrWhiteSpace(h.Nudge) || string.IsNullOrWhiteSpace(h.Concept) || string.IsNullOrWhiteSpace(h.Code))
        {
            throw new InvalidDataException($"{manifestPath}: lab {lab.Id} task {task.Id}: \"hints\" needs \"nudge\", \"concept\" and \"code\"");
        }
        return new TaskHints(h.Nudge, h.Concept, h.Code, h.Files ?? []);
    }

    // Optional (a lab in the making), but a task the playground does not cover must say why: ManifestTests demands one per task.
    private static TaskReference? Reference(string manifestPath, ManifestLab lab, ManifestTask task)
    {
        if (task.Reference is null) return null;
        var checks = task.Reference.Checks ?? [];
        if (checks.Count == 0 && string.IsNullOrWhiteSpace(task.Reference.NotCovered))
        {
            throw new InvalidDataException($"{manifestPath}: lab {lab.Id} task {task.Id}: \"reference\" needs \"checks\" the playground passes or \"notCovered\" saying why not");
        }
        return new TaskReference(checks, task.Reference.NotCovered);
    }

    /// <summary>Finds a lab by id (<c>01</c>, <c>1</c>) or folder name (<c>01-websocket-welcome-echo</c>).</summary>
    public LabInfo? Find(string idOrFolder)
    {
        var key = idOrFolder.Trim().TrimEnd('/', '\\');
        key = Path.GetFileName(key);
        if (int.TryParse(key, out var number)) key = number.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        return Labs.FirstOrDefault(l => l.Id == key || string.Equals(l.Folder, key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The folder of a lab variant (<c>start</c> or <c>solution</c>) under a repository's labs folder.</summary>
    public string VariantDirectory(LabInfo lab, string variant, string? labsDirectory = null) =>
        Path.Combine(labsDirectory ?? LabsDirectory, lab.Folder, variant);

    private sealed record ManifestFile(List<ManifestLab>? Labs);

    private sealed record ManifestLab(string? Id, string? Folder, string? Title, List<ManifestTask>? Tasks, List<string>? Hints, List<string>? Editable, ManifestLabReference? Reference);

    private sealed record ManifestTask(string? Id, string? Title, int Points, ManifestHints? Hints, ManifestTaskReference? Reference);

    private sealed record ManifestLabReference(Dictionary<string, string>? Paths, string? NotCovered);

    private sealed record ManifestTaskReference(List<string>? Checks, string? NotCovered);

    private sealed record ManifestHints(string? Nudge, string? Concept, string? Code, List<string>? Files);
}
