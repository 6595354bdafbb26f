using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// One bin: its id, the verifiers of any secrets the user set on it, and its captures (guarded by the
/// <see cref="InspectorStore"/>'s lock; never touched outside it).
/// </summary>
public sealed class InspectorBin
{
    internal InspectorBin(string id, DateTimeOffset createdAt, IReadOnlyDictionary<WebhookScheme, IWebhookVerifier> ownVerifiers)
    {
        Id = id;
        CreatedAt = createdAt;
        LastActivity = createdAt;
        OwnVerifiers = ownVerifiers;
    }

    /// <summary>The unguessable id (22 characters of base64url, 128 random bits).</summary>
    public string Id { get; }

    /// <summary>When the bin was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The last capture or read (idle expiry and least-recently-used eviction count from here).</summary>
    public DateTimeOffset LastActivity { get; internal set; }

    /// <summary>Verifiers for the secrets set on this bin; schemes without one use the playground's reference secret.</summary>
    public IReadOnlyDictionary<WebhookScheme, IWebhookVerifier> OwnVerifiers { get; }

    internal LinkedList<CapturedRequest> Captures { get; } = new();

    internal long LastCaptureId { get; set; }
}
