using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workshop.Grading.Notebooks;

/// <summary>
/// The results file of one probe run, read in the grader's process: per exercise, every line the run wrote for each
/// case, whether the cell failed before its cases, and how many times the exercise ended. Lines without the run's
/// nonce, or malformed, are ignored; duplicates are kept, so the verdict can refuse them (<see cref="ProbeVerdict"/>).
/// </summary>
public sealed class ProbeResults
{
    /// <summary>The most of a results file that is read.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>What one run wrote for one case.</summary>
    public sealed record CaseLine(string Kind, string Label, string Value);

    /// <summary>Everything one run wrote for one exercise.</summary>
    public sealed class Exercise
    {
        /// <summary>Per case index, every line written for it (more than one is a tampered run).</summary>
        public Dictionary<int, List<CaseLine>> Cases { get; } = [];

        /// <summary>The cell's own failure (it threw or hung before or around its cases), if any.</summary>
        public (string Kind, string Message)? Failed { get; set; }

        /// <summary>How many times the run said the exercise was over (exactly once in a run that finished it).</summary>
        public int Ends { get; set; }
    }

    /// <summary>Per exercise id.</summary>
    public Dictionary<string, Exercise> Exercises { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads the results file (none, or one that is not a regular file, reads as empty).</summary>
    public static ProbeResults Read(string path, string nonce)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.LinkTarget is not null || !Submissions.UnixFileKind.IsRegularFile(path)) return new ProbeResults();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        var buffer = new byte[Math.Min(stream.Length, MaxBytes)];
        stream.ReadExactly(buffer);
        return Parse(Encoding.UTF8.GetString(buffer), nonce);
    }

    /// <summary>Parses the text of a results file.</summary>
    public static ProbeResults Parse(string text, string nonce)
    {
        var results = new ProbeResults();
        foreach (var line in text.Split('\n'))
        {
            var f = line.Split('\t');
            if (f.Length < 3 || f[0] != nonce) continue;
            if (!results.Exercises.TryGetValue(f[1], out var exercise)) results.Exercises[f[1]] = exercise = new Exercise();
            switch (f[2])
            {
                case "case" when f.Length == 7 && int.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && Json(f[5]) is { } label && Json(f[6]) is { } value:
                    if (!exercise.Cases.TryGetValue(index, out var lines)) exercise.Cases[index] = lines = [];
                    lines.Add(new CaseLine(f[4], label, value));
                    break;
                case "failed" when f.Length == 5 && Json(f[4]) is { } message:
                    exercise.Failed ??= (f[3], message);
                    break;
                case "end" when f.Length == 3:
                    exercise.Ends++;
                    break;
            }
        }
        return results;
    }

    private static string? Json(string field)
    {
        try
        {
            return JsonSerializer.Deserialize<string>(field);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
