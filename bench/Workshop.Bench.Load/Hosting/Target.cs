using System.Text;

namespace Workshop.Bench.Load.Hosting;

/// <summary>
/// One side of the comparison (reference, Node peer or raw limit): which server answers each scenario and at
/// which endpoints. A scenario with a null server is not run for this target.
/// </summary>
internal sealed record Target(string Key, string Label)
{
    public string? EchoServer { get; init; }
    public string EchoPath { get; init; } = "/ws/echo";

    public string? BroadcastServer { get; init; }
    public string BroadcastPath { get; init; } = "/ws/broadcast";
    public string? BroadcastSubprotocol { get; init; }

    /// <summary>Sent by every broadcast client right after connecting (e.g. joining a room); null for none.</summary>
    public byte[]? BroadcastJoin { get; init; }

    /// <summary>Wraps a marker into what the publisher sends on its WebSocket.</summary>
    public Func<byte[], byte[]> BroadcastMessage { get; init; } = marker => marker;

    public string? SseServer { get; init; }
    public string SsePath { get; init; } = "/events";
    public string SsePublishPath { get; init; } = "/events/publish";
    public string SsePublishContentType { get; init; } = "text/plain";

    /// <summary>Wraps a marker into the body of the publish request.</summary>
    public Func<byte[], byte[]> SsePublishBody { get; init; } = marker => marker;

    public string? WebhookServer { get; init; }
    public string WebhookPath { get; init; } = "/webhooks/github";

    /// <summary>The server whose sender API (<c>POST /api/sender/deliveries</c>) is measured; null for none.</summary>
    public string? SenderServer { get; init; }

    /// <summary>False for the raw limit, which answers 200 without checking anything.</summary>
    public bool ChecksSignatures { get; init; } = true;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
