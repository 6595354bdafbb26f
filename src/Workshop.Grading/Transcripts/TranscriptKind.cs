namespace Workshop.Grading.Transcripts;

/// <summary>What one transcript entry records.</summary>
public enum TranscriptKind
{
    /// <summary>An HTTP request head (method, path, a few headers).</summary>
    HttpRequest,

    /// <summary>An HTTP response head (status, content type).</summary>
    HttpResponse,

    /// <summary>A WebSocket frame or message: opcode by name, length, FIN, close code and reason.</summary>
    WebSocketFrame,

    /// <summary>One line of an event stream, as received.</summary>
    SseLine,

    /// <summary>A webhook delivery with its signature headers.</summary>
    WebhookDelivery,

    /// <summary>Something a probe observed that is not a message (a reconnect attempt on the page's clock).</summary>
    Note,
}
