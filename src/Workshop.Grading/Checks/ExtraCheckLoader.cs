using System.Net.WebSockets;
using System.Text.Json;
using Workshop.Grading.Probes;

namespace Workshop.Grading.Checks;

/// <summary>
/// Reads an instructor's hidden checks from a folder outside the students' repository: every <c>*.json</c> file
/// describes one hidden task of one lab with declarative HTTP or WebSocket probes (data, never code, so nothing
/// from that folder runs with the grader's rights).
/// </summary>
/// <example>
/// <code>
/// { "lab": "01", "task": "unicode-echo", "points": 1, "checks": [
///   { "name": "echoes accents", "kind": "websocket", "path": "/ws/echo", "send": ["héllo"], "expect": ["Welcome!", "héllo"] },
///   { "name": "serves the page", "kind": "http", "path": "/", "expectStatus": 200, "expectBodyContains": "&lt;ul id=\"log\"" } ] }
/// </code>
/// </example>
public static class ExtraCheckLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>The hidden checks per lab id; a malformed file throws with its name.</summary>
    public static IReadOnlyDictionary<string, List<LabCheck>> Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"The extra-checks folder {directory} does not exist.");
        var byLab = new Dictionary<string, List<LabCheck>>();
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            ExtraTask task;
            try
            {
                task = JsonSerializer.Deserialize<ExtraTask>(File.ReadAllText(file), Json) ?? throw new InvalidDataException("empty file");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{Path.GetFileName(file)}: {e.Message}", e);
            }
            if (task.Lab is null || task.Task is null) throw new InvalidDataException($"{Path.GetFileName(file)}: \"lab\" and \"task\" are required");
            var list = byLab.TryGetValue(task.Lab, out var existing) ? existing : byLab[task.Lab] = [];
            foreach (var probe in task.Checks ?? [])
            {
                list.Add(new LabCheck(task.Task, probe.Name ?? probe.Path ?? "hidden check", probe.Describe(), probe.RunAsync)
                {
                    Hidden = true,
                    Points = task.Points,
                });
            }
        }
        return byLab;
    }

    private sealed record ExtraTask(string? Lab, string? Task, int Points, List<ExtraProbe>? Checks);

    private sealed record ExtraProbe(string? Name, string? Kind, string? Path, int? ExpectStatus, string? ExpectBodyContains, List<string>? Send, List<string>? Expect)
    {
        public string Describe() => Kind == "websocket"
            ? $"on {Path}: after sending [{string.Join(", ", Send ?? [])}] the messages [{string.Join(", ", Expect ?? [])}]"
            : $"GET {Path} answers {ExpectStatus ?? 200}{(ExpectBodyContains is null ? "" : $" containing \"{ExpectBodyContains}\"")}";

        public async Task<CheckOutcome> RunAsync(CheckContext context)
        {
            var path = Path ?? "/";
            if (Kind != "websocket")
            {
                using var response = await context.Http.GetAsync(path, context.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(context.CancellationToken);
                var ok = (int)response.StatusCode == (ExpectStatus ?? 200) && (ExpectBodyContains is null || body.Contains(ExpectBodyContains, StringComparison.Ordinal));
                return CheckOutcome.When(ok, $"HTTP {(int)response.StatusCode}, {body.Length} characters");
            }
            using var socket = await WebSocketProbe.ConnectAsync(context.WsUrl(path), context.CancellationToken);
            foreach (var text in Send ?? []) await WebSocketProbe.SendTextAsync(socket, text, context.CancellationToken);
            var got = new List<string>();
            foreach (var _ in Expect ?? [])
            {
                var text = await WebSocketProbe.ReceiveTextAsync(socket, context.CancellationToken);
                if (text is null) break;
                got.Add(text);
            }
            if (socket.State == WebSocketState.Open) await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", context.CancellationToken);
            return CheckOutcome.When(got.SequenceEqual(Expect ?? []), $"received [{string.Join(", ", got.Select(WebSocketProbe.Describe))}]");
        }
    }
}
