namespace Workshop.Playground.Features.Inspector;

/// <summary>The signature check of one scheme whose headers a captured request carries.</summary>
/// <param name="Scheme">standard, github or razorpay.</param>
/// <param name="Valid">True when the signature verified.</param>
/// <param name="Reason">The library's reason code (<c>valid</c>, <c>bad-signature</c>, <c>stale-timestamp</c>, …).</param>
/// <param name="Detail">A human explanation (never contains a secret or a signature).</param>
/// <param name="Secret">Which secret was used: <c>reference</c> (the playground's) or <c>bin</c> (set on the bin).</param>
public sealed record SignatureVerdict(string Scheme, bool Valid, string Reason, string Detail, string Secret);
