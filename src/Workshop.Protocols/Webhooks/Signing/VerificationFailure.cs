namespace Workshop.Protocols.Webhooks;

/// <summary>Why a webhook request failed verification. Each value has its own stable reason code.</summary>
public enum VerificationFailure
{
    /// <summary>Verification succeeded.</summary>
    None,

    /// <summary>A required header is absent.</summary>
    MissingHeader,

    /// <summary>A required header is present but empty.</summary>
    EmptyHeader,

    /// <summary>No signature carries a version this verifier understands (e.g. <c>v2,</c> or no <c>sha256=</c> prefix).</summary>
    UnknownVersion,

    /// <summary>A signature is not valid base64 / hex.</summary>
    MalformedSignature,

    /// <summary>No signature matches the body under any configured secret.</summary>
    BadSignature,

    /// <summary>The timestamp is older than the tolerance allows (a replay, or a very late delivery).</summary>
    StaleTimestamp,

    /// <summary>The timestamp is further in the future than the tolerance allows.</summary>
    FutureTimestamp,

    /// <summary>The timestamp is not an integer number of seconds since the Unix epoch.</summary>
    NonNumericTimestamp,

    /// <summary>The configured secret itself is unusable (e.g. not <c>whsec_</c> + base64).</summary>
    BadSecretFormat,
}
