using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// One bin: its id, its own signing secrets (and their verifiers), who created it, where its captures may be
/// forwarded, and its captures (guarded by the <see cref="InspectorStore"/>'s lock; never touched outside it).
/// </summary>
public sealed class InspectorBin
{
    internal InspectorBin(string id, DateTimeOffset createdAt, string creator, BinSigning signing, Uri? forwardUrl, bool shared = false)
    {
        IsShared = shared;
        Id = id;
        CreatedAt = createdAt;
        LastActivity = createdAt;
        Creator = creator;
        SigningSecrets = signing.Secrets;
        OwnSecrets = signing.Own;
        Verifiers = signing.Verifiers;
        ForwardUrl = forwardUrl;
    }

    /// <summary>The unguessable id (22 characters of base64url, 128 random bits).</summary>
    public string Id { get; }

    /// <summary>When the bin was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The last capture or read (idle expiry and least-recently-used eviction count from here).</summary>
    public DateTimeOffset LastActivity { get; internal set; }

    /// <summary>The client partition key of the caller that created the bin (quotas count per creator).</summary>
    public string Creator { get; }

    /// <summary>The bin's own secrets: its captures are verified with them, and a delivery to the bin is signed with them.</summary>
    public BinSecrets SigningSecrets { get; }

    /// <summary>The schemes (<c>standard</c>, <c>github</c>, <c>razorpay</c>) whose secret the creator supplied.</summary>
    public IReadOnlyList<string> OwnSecrets { get; }

    /// <summary>Where the creator allowed captures to be redelivered besides the bin itself, or null.</summary>
    public Uri? ForwardUrl { get; }

    /// <summary>True when the bin lives in Redis (shared by every instance); its captures are then kept there, not in <see cref="Captures"/>.</summary>
    internal bool IsShared { get; }

    internal IReadOnlyDictionary<WebhookScheme, IWebhookVerifier> Verifiers { get; }

    internal LinkedList<StoredCapture> Captures { get; } = new();

    internal long Bytes { get; set; }

    internal long LastCaptureId { get; set; }
}
