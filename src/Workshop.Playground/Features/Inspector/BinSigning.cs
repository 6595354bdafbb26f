using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Features.Inspector;

/// <summary>A new bin's secrets, which of them the creator supplied, and a verifier per scheme.</summary>
/// <param name="Secrets">The three secrets.</param>
/// <param name="Own">Schemes whose secret the creator supplied.</param>
/// <param name="Verifiers">One verifier per scheme, over <paramref name="Secrets"/>.</param>
internal sealed record BinSigning(BinSecrets Secrets, IReadOnlyList<string> Own, IReadOnlyDictionary<WebhookScheme, IWebhookVerifier> Verifiers);
