using Workshop.Grading.Manifest;

namespace Workshop.Grading.Submissions;

/// <summary>
/// Makes the folder a student's lab is built in: a fresh copy of the instructor's own <c>start/</c> project (its
/// .csproj, settings and static files), then only the files the lab declares editable taken from the submission.
/// A declared file the submission lacks is left out (the submission decides those files); everything else in the
/// submission (its .csproj, props, MSBuild targets, NuGet config) is never read. Symlinks, FIFOs, sockets, devices
/// and files over the limits are refused and named in the returned notes; the rest of the lab is still graded.
/// </summary>
public static class WorkingCopy
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git", "node_modules", ".vs" };

    /// <summary>Both steps: <see cref="CopyInstructorStart"/>, then <see cref="TakeSubmission"/>.</summary>
    public static IReadOnlyList<string> Create(LabInfo lab, string instructorStart, string submissionStart, string target, SubmissionLimits? limits = null)
    {
        CopyInstructorStart(lab, instructorStart, target);
        return TakeSubmission(lab, submissionStart, target, limits);
    }

    /// <summary>(Re)creates <paramref name="target"/> as the instructor's start project without the editable files.</summary>
    public static void CopyInstructorStart(LabInfo lab, string instructorStart, string target)
    {
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        CopyInstructorTree(instructorStart, target, "", lab);
    }

    /// <summary>Copies the submission's editable files into <paramref name="target"/>; returns what was refused, one note per file.</summary>
    public static IReadOnlyList<string> TakeSubmission(LabInfo lab, string submissionStart, string target, SubmissionLimits? limits = null)
    {
        var notes = new List<string>();
        TakeDeclared(lab, submissionStart, target, "", limits ?? new SubmissionLimits(), new Budget(), notes);
        return notes;
    }

    private sealed class Budget
    {
        public int Files { get; set; }

        public long Bytes { get; set; }
    }

    private static void CopyInstructorTree(string source, string target, string relative, LabInfo lab)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            var name = Path.GetFileName(file);
            if (lab.IsEditable(Join(relative, name)) || !UnixFileKind.IsRegularFile(file)) continue;
            File.Copy(file, Path.Combine(target, name));
        }
        foreach (var dir in Directory.GetDirectories(source))
        {
            var name = Path.GetFileName(dir);
            if (SkippedFolders.Contains(name) || new DirectoryInfo(dir).LinkTarget is not null) continue;
            CopyInstructorTree(dir, Path.Combine(target, name), Join(relative, name), lab);
        }
    }

    private static void TakeDeclared(LabInfo lab, string source, string target, string relative, SubmissionLimits limits, Budget taken, List<string> notes)
    {
        foreach (var file in Directory.GetFiles(source).Order(StringComparer.Ordinal))
        {
            var path = Join(relative, Path.GetFileName(file));
            if (!lab.IsEditable(path)) continue;
            var refusal = Refusal(file, limits, taken);
            if (refusal is not null)
            {
                notes.Add($"{path} was not taken: {refusal}");
                continue;
            }
            var destination = Path.Combine(target, path);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
        foreach (var dir in Directory.GetDirectories(source).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (SkippedFolders.Contains(name)) continue;
            // A linked folder could point anywhere on the grader's disk: it is never followed.
            if (new DirectoryInfo(dir).LinkTarget is not null)
            {
                notes.Add($"{Join(relative, name)}/ was not taken: it is a symbolic link");
                continue;
            }
            TakeDeclared(lab, dir, target, Join(relative, name), limits, taken, notes);
        }
    }

    private static string? Refusal(string file, SubmissionLimits limits, Budget taken)
    {
        var info = new FileInfo(file);
        if (info.LinkTarget is not null) return "it is a symbolic link";
        if (!UnixFileKind.IsRegularFile(file)) return "it is not a regular file (a device, FIFO or socket)";
        if (info.Length > limits.MaxFileBytes) return $"it is larger than {limits.MaxFileBytes / 1024} KB";
        if (taken.Files + 1 > limits.MaxFiles) return $"the lab already has {limits.MaxFiles} files";
        if (taken.Bytes + info.Length > limits.MaxTotalBytes) return $"the lab's files would exceed {limits.MaxTotalBytes / 1024} KB together";
        taken.Files++;
        taken.Bytes += info.Length;
        return null;
    }

    private static string Join(string relative, string name) => relative.Length == 0 ? name : relative + "/" + name;
}
