namespace Workshop.Grading.Checks.Hidden;

/// <summary>
/// One step of a WebSocket script, exactly one of: <c>send</c> a text message, <c>expect</c> the next text message
/// (exactly), <c>expectContains</c> (a substring of the next message), <c>close</c> (start the close handshake with
/// this code) or <c>expectClose</c> (the server closes, or answers the close, with this code).
/// </summary>
internal sealed class WebSocketStep
{
    public string? Send { get; init; }

    public string? Expect { get; init; }

    public string? ExpectContains { get; init; }

    public int? Close { get; init; }

    public int? ExpectClose { get; init; }

    /// <summary>How many actions the step names (exactly one is valid).</summary>
    public int Actions => (Send is null ? 0 : 1) + (Expect is null ? 0 : 1) + (ExpectContains is null ? 0 : 1) + (Close is null ? 0 : 1) + (ExpectClose is null ? 0 : 1);

    public override string ToString() =>
        Send is not null ? $"send \"{Send}\""
        : Expect is not null ? $"expect \"{Expect}\""
        : ExpectContains is not null ? $"expect a message containing \"{ExpectContains}\""
        : Close is not null ? $"close with {Close}"
        : $"expect close {ExpectClose}";
}
