using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;

/// <summary>The match: the score, and everyone watching it (one queue per open /events stream).</summary>
public sealed class ScoreFeed
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<Channel<SseItem<string>>, byte> _watchers = new();
    private Score _score = new(0, 0);

    public Score Current { get { lock (_gate) return _score; } }

    public Score Goal(bool home)
    {
        lock (_gate)
        {
            _score = home ? _score with { Home = _score.Home + 1 } : _score with { Away = _score.Away + 1 };
            // TODO 3 (feed): queue ScoreEvent(_score) for every watcher (TryWrite on each channel).
            return _score;
        }
    }

    public static SseItem<string> ScoreEvent(Score score) => new(JsonSerializer.Serialize(score, JsonSerializerOptions.Web), "score");

    /// <summary>The events of one /events stream: hello, the current score, then every change.</summary>
    public async IAsyncEnumerable<SseItem<string>> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var queue = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        _watchers.TryAdd(queue, 0);
        try
        {
            yield return new SseItem<string>("Hello from server");
            yield return ScoreEvent(Current);
            await foreach (var item in queue.Reader.ReadAllAsync(cancellationToken)) yield return item;
        }
        finally
        {
            _watchers.TryRemove(queue, out _);
        }
    }
}
