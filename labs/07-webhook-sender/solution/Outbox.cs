using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;

/// <summary>
/// The outbox: every event and every change to it, kept in memory and appended to a JSON-lines file
/// (<c>.data/outbox.jsonl</c>, one snapshot of an event per line, the last line of an id wins).
/// </summary>
public sealed class Outbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, OutboxEvent> _events = new();
    private readonly Lock _gate = new();
    private readonly string _file;

    public Outbox(IOptions<SenderOptions> options, IHostEnvironment environment)
    {
        var directory = Path.Combine(environment.ContentRootPath, options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        _file = Path.Combine(directory, "outbox.jsonl");
        // TODO 3 solved (load): why: after a crash or a deploy, events that were still pending must go out; the file
        // is the only thing that outlived the process.
        if (!File.Exists(_file)) return;
        foreach (var line in File.ReadLines(_file))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                if (JsonSerializer.Deserialize<OutboxEvent>(line, Json) is { } saved) _events[saved.Id] = saved;
            }
            catch (JsonException)
            {
                // A line cut short by a crash in the middle of a write: the snapshot before it still counts.
            }
        }
    }

    /// <summary>Stores a new event or a new state of one: on disk first, then in memory.</summary>
    public void Save(OutboxEvent outboxEvent)
    {
        lock (_gate)
        {
            // TODO 3 solved (save): why append and flush before anything else: once POST /api/events answered 202,
            // the event must exist even if the power goes a millisecond later. Flush(true) asks the OS to put it on
            // the disk, not just in its cache. Appending never rewrites what is already safe.
            using (var file = new FileStream(_file, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                file.Write(JsonSerializer.SerializeToUtf8Bytes(outboxEvent, Json));
                file.WriteByte((byte)'\n');
                file.Flush(flushToDisk: true);
            }
            _events[outboxEvent.Id] = outboxEvent;
        }
    }

    public OutboxEvent? Find(string id) => _events.GetValueOrDefault(id);

    /// <summary>The events whose next attempt is due.</summary>
    public IEnumerable<OutboxEvent> Due(DateTimeOffset now) =>
        _events.Values.Where(e => e.Status == "pending" && e.NextAttemptAt <= now);

    /// <summary>The latest events, newest first (what the page shows).</summary>
    public IReadOnlyList<OutboxEvent> Latest(int count) =>
        _events.Values.OrderByDescending(e => e.CreatedAt).Take(count).ToList();
}
