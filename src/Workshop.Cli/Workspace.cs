using System.Text.Json;
using Workshop.Grading.Manifest;

namespace Workshop.Cli;

/// <summary>The repository the CLI works on: its root, its lab manifest and the learner's progress file.</summary>
public sealed class Workspace
{
    private Workspace(string root)
    {
        Root = root;
        Manifest = LabManifest.Load(CourseRoot.ManifestPath(root));
    }

    /// <summary>The repository root (holds <c>labs/labs.json</c>).</summary>
    public string Root { get; }

    /// <summary>The labs.</summary>
    public LabManifest Manifest { get; }

    /// <summary>Local state (progress, build outputs); ignored by git.</summary>
    public string StateDirectory => Path.Combine(Root, ".workshop");

    /// <summary>
    /// Finds the repository: <c>WORKSHOP_ROOT</c>, else the nearest folder above the current directory holding
    /// <c>labs/labs.json</c>, else the one above the CLI's own build output. Null (with a message) when none.
    /// </summary>
    public static Workspace? Open(TextWriter error)
    {
        var explicitRoot = Environment.GetEnvironmentVariable("WORKSHOP_ROOT");
        var root = !string.IsNullOrWhiteSpace(explicitRoot) ? Path.GetFullPath(explicitRoot)
            : CourseRoot.FindAbove(Directory.GetCurrentDirectory()) ?? CourseRoot.FindAbove(AppContext.BaseDirectory);
        if (root is null || !File.Exists(CourseRoot.ManifestPath(root)))
        {
            error.WriteLine("workshop: no labs/labs.json found here or above; run it from the workshop repository (or set WORKSHOP_ROOT).");
            return null;
        }
        try
        {
            return new Workspace(root);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            error.WriteLine($"workshop: {e.Message}");
            return null;
        }
    }

    /// <summary>The lab for an id or folder, or null after printing the known ids.</summary>
    public LabInfo? FindLab(string idOrFolder, TextWriter error)
    {
        var lab = Manifest.Find(idOrFolder);
        if (lab is null) error.WriteLine($"workshop: there is no lab '{idOrFolder}'. Known labs: {string.Join(", ", Manifest.Labs.Select(l => l.Id))} (see `workshop list`).");
        return lab;
    }

    /// <summary>The learner's last result per lab id.</summary>
    public Dictionary<string, LabProgress> LoadProgress()
    {
        var file = Path.Combine(StateDirectory, "progress.json");
        if (!File.Exists(file)) return [];
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, LabProgress>>(File.ReadAllText(file)) ?? [];
        }
        catch (JsonException)
        {
            return []; // A damaged progress file only costs the progress column.
        }
    }

    /// <summary>Records the result of a check run.</summary>
    public void SaveProgress(string labId, LabProgress progress)
    {
        var all = LoadProgress();
        all[labId] = progress;
        Directory.CreateDirectory(StateDirectory);
        File.WriteAllText(Path.Combine(StateDirectory, "progress.json"), JsonSerializer.Serialize(all, new JsonSerializerOptions { WriteIndented = true }));
    }
}
