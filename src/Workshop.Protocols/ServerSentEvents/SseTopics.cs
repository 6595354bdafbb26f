using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Workshop.Protocols.ServerSentEvents;

/// <summary>The default <see cref="ISseTopics"/>: topics live in memory for the life of the process.</summary>
internal sealed class SseTopics(IOptions<ServerSentEventsOptions> options, ILogger<SseTopic> logger, TimeProvider time, ISseBackplane? backplane = null) : ISseTopics
{
    private readonly ConcurrentDictionary<string, SseTopic> _topics = new(StringComparer.Ordinal);
    private readonly ServerSentEventsOptions _options = options.Value;
    private readonly Lock _creating = new();

    public IReadOnlyCollection<string> Names => [.. _topics.Keys];

    public SseTopic Get(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_topics.TryGetValue(name, out var existing)) return existing;
        // Creating a topic subscribes it to the backplane: never create two for one name.
        lock (_creating) return _topics.GetOrAdd(name, static (n, state) => new SseTopic(n, state.Options, state.Logger, state.Backplane, state.Time),
            (Options: _options, Logger: (ILogger)logger, Backplane: backplane, Time: time));
    }

    public bool TryGet(string name, [NotNullWhen(true)] out SseTopic? topic) => _topics.TryGetValue(name, out topic);

    public bool Remove(string name)
    {
        if (!_topics.TryRemove(name, out var topic)) return false;
        topic.Detach();
        return true;
    }
}
