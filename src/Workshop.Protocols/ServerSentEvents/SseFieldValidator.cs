namespace Workshop.Protocols.ServerSentEvents;

/// <summary>Refuses values that would break out of a single-line SSE field.</summary>
internal static class SseFieldValidator
{
    /// <summary>
    /// A CR or LF inside an <c>event:</c> or <c>id:</c> value would start a new field (field injection: a caller
    /// could forge <c>data:</c> or <c>id:</c> lines); a NUL makes browsers ignore an id. So all three are refused.
    /// </summary>
    public static void EnsureSingleLine(string? value, string paramName)
    {
        if (value is null) return;
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            throw new ArgumentException("An SSE event name or id must not contain CR, LF or NUL.", paramName);
    }
}
