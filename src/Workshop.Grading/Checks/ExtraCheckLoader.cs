using System.Text.Json;
using System.Text.Json.Serialization;
using Workshop.Grading.Checks.Hidden;

namespace Workshop.Grading.Checks;

/// <summary>
/// Reads an instructor's hidden checks from a folder outside the students' repository: every <c>*.json</c> file
/// describes one hidden task of one lab with declarative checks of the kinds <c>http</c>, <c>websocket</c>,
/// <c>sse</c> and <c>webhook</c> (data, never code, so nothing from that folder runs with the grader's rights).
/// An unknown kind, an unknown field or a missing required field is an error naming the file and line.
/// Examples of every kind: <c>docs/hidden-checks/</c>.
/// </summary>
public static class ExtraCheckLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowOutOfOrderMetadataProperties = true,
    };

    /// <summary>The hidden checks per lab id; a malformed file throws <see cref="InvalidDataException"/> naming it (and the line).</summary>
    public static IReadOnlyDictionary<string, List<LabCheck>> Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"The extra-checks folder {directory} does not exist.");
        var byLab = new Dictionary<string, List<LabCheck>>();
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var task = Parse(file);
            var list = byLab.TryGetValue(task.Lab, out var existing) ? existing : byLab[task.Lab] = [];
            foreach (var check in task.Checks)
            {
                list.Add(new LabCheck(task.Task, check.Name ?? check.Path, check.Describe(), check.RunAsync)
                {
                    Hidden = true,
                    Points = task.Points,
                });
            }
        }
        return byLab;
    }

    private static HiddenTaskFile Parse(string file)
    {
        var name = Path.GetFileName(file);
        HiddenTaskFile? task;
        try
        {
            task = JsonSerializer.Deserialize<HiddenTaskFile>(File.ReadAllText(file), Json);
        }
        catch (JsonException e)
        {
            // LineNumber is zero-based; the message repeats the path and position, which the prefix now says.
            var message = e.Message.Split(" Path: ", 2)[0].Split(" LineNumber: ", 2)[0];
            throw new InvalidDataException($"{name}:{(e.LineNumber ?? 0) + 1}: {message} (at {e.Path})", e);
        }
        catch (NotSupportedException e)
        {
            throw new InvalidDataException($"{name}: every check needs a \"kind\" (http, websocket, sse or webhook): {e.Message}", e);
        }
        if (task is null) throw new InvalidDataException($"{name}: the file holds no task");
        if (task.Points < 0) throw new InvalidDataException($"{name}: \"points\" cannot be negative");
        if (task.Checks.Count == 0) throw new InvalidDataException($"{name}: \"checks\" is empty");
        for (var i = 0; i < task.Checks.Count; i++)
        {
            if (task.Checks[i].Validate(task.Lab) is { } problem) throw new InvalidDataException($"{name}: checks[{i}]: {problem}");
        }
        return task;
    }
}
