using System.Globalization;
using System.Net.WebSockets;

namespace Workshop.Grading.Transcripts;

/// <summary>WebSocket frames described by name, as a learner reads them: <c>ping</c>, <c>close 1009 "too big"</c>.</summary>
public static class WebSocketFrames
{
    /// <summary>An opcode's name (RFC 6455 §5.2): <c>continuation</c>, <c>text</c>, <c>binary</c>, <c>close</c>, <c>ping</c>, <c>pong</c>.</summary>
    public static string OpcodeName(int opcode) => opcode switch
    {
        0 => "continuation",
        1 => "text",
        2 => "binary",
        8 => "close",
        9 => "ping",
        10 => "pong",
        _ => $"reserved opcode {opcode.ToString(CultureInfo.InvariantCulture)}",
    };

    /// <summary>Opcodes by name for an observation: <c>[text, ping]</c>.</summary>
    public static string Names(IEnumerable<int> opcodes) => "[" + string.Join(", ", opcodes.Select(OpcodeName)) + "]";

    /// <summary>A close frame: <c>close 1009 "too big"</c>, or <c>close (no code)</c>.</summary>
    public static string Close(int? code, string? reason) =>
        code is null ? "close (no code)"
            : $"close {code.Value.ToString(CultureInfo.InvariantCulture)}{(string.IsNullOrEmpty(reason) ? "" : " " + TranscriptRecorder.Quote(reason))}";

    /// <summary>A close by a <see cref="WebSocketCloseStatus"/>.</summary>
    public static string Close(WebSocketCloseStatus? status, string? reason) => Close(status is { } s ? (int)s : null, reason);

    /// <summary>A data frame or message: <c>text "Welcome!" (8 B, FIN)</c>; <paramref name="pieces"/> above 1 says it came in parts (<paramref name="unit"/>).</summary>
    public static string Data(string opcode, string? preview, long bytes, bool fin, int pieces = 1, string unit = "frames")
    {
        var size = bytes.ToString(CultureInfo.InvariantCulture) + " B";
        var parts = pieces > 1 ? $" in {pieces.ToString(CultureInfo.InvariantCulture)} {unit}" : "";
        return $"{opcode}{(preview is null ? "" : " " + TranscriptRecorder.Quote(preview))} ({size}{parts}{(fin ? ", FIN" : ", no FIN")})";
    }
}
