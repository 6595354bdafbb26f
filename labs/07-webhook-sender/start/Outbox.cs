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
        // TODO 3 (load): if _file exists, read it line by line (File.ReadLines); each line is one JSON snapshot of an
        //        event (JsonSerializer.Deserialize<OutboxEvent>(line, Json)); the last one of an id wins. Skip a line
        //        that does not parse: a crash in the middle of a write leaves half a line at the end.
    }

    /// <summary>Stores a new event or a new state of one: on disk first, then in memory.</summary>
    public void Save(OutboxEvent outboxEvent)
    {
        lock (_gate)
        {
            // TODO 3 (save): before updating memory, append the event as one JSON line to _file (a FileStream opened
            //        with FileMode.Append; JsonSerializer.SerializeToUtf8Bytes(outboxEvent, Json), then '\n') and
            //        Flush(flushToDisk: true). Until then, a crash loses every pending event.
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
