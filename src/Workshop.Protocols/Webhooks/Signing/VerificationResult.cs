namespace Workshop.Protocols.Webhooks;

/// <summary>The verdict on one webhook request: valid, or the failure with a reason code and a human message.</summary>
/// <param name="Failure">What went wrong; <see cref="VerificationFailure.None"/> when valid.</param>
/// <param name="Detail">A human-readable explanation, safe to show (it never contains a secret or signature).</param>
/// <param name="EventId">The event id the request carries (may be present even when invalid), or null.</param>
public sealed record VerificationResult(VerificationFailure Failure, string Detail, string? EventId)
{
    /// <summary>True when the request is authentic and fresh.</summary>
    public bool IsValid => Failure == VerificationFailure.None;

    /// <summary>A stable kebab-case reason code, e.g. <c>stale-timestamp</c>; used in problem+json bodies.</summary>
    public string Reason => ReasonCode(Failure);

    /// <summary>The kebab-case reason code of a failure.</summary>
    public static string ReasonCode(VerificationFailure failure) => failure switch
    {
        VerificationFailure.None => "valid",
        VerificationFailure.MissingHeader => "missing-header",
        VerificationFailure.EmptyHeader => "empty-header",
        VerificationFailure.UnknownVersion => "unknown-signature-version",
        VerificationFailure.MalformedSignature => "malformed-signature",
        VerificationFailure.BadSignature => "bad-signature",
        VerificationFailure.StaleTimestamp => "stale-timestamp",
        VerificationFailure.FutureTimestamp => "future-timestamp",
        VerificationFailure.NonNumericTimestamp => "non-numeric-timestamp",
        VerificationFailure.BadSecretFormat => "bad-secret-format",
        _ => "unknown",
    };

    /// <summary>A successful verdict for <paramref name="eventId"/>.</summary>
    public static VerificationResult Valid(string? eventId) => new(VerificationFailure.None, "Signature verified.", eventId);

    /// <summary>A failed verdict.</summary>
    public static VerificationResult Fail(VerificationFailure failure, string detail, string? eventId = null) => new(failure, detail, eventId);
}
