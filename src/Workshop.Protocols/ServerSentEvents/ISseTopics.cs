namespace Workshop.Protocols.ServerSentEvents;

/// <summary>The registry of named SSE topics (a singleton from <c>AddServerSentEvents</c>).</summary>
public interface ISseTopics
{
    /// <summary>The topic with this name, created on first use.</summary>
    SseTopic Get(string name);

    /// <summary>The topic with this name if it exists; never creates one.</summary>
    bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SseTopic? topic);

    /// <summary>Removes a topic and ends its open streams; returns false if there was none.</summary>
    bool Remove(string name);

    /// <summary>The names of the existing topics.</summary>
    IReadOnlyCollection<string> Names { get; }
}
