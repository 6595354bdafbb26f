// Your turn (01-assemble-message): the next whole text message, or null (peer closed, or message over the limit)
async Task<string?> ReadWholeMessageAsync(WebSocket socket, int limit, CancellationToken token)
{
    var chunk = new byte[1024];
    using var message = new System.IO.MemoryStream();
    while (true)
    {
        var result = await socket.ReceiveAsync(chunk, token);
        if (result.MessageType == WebSocketMessageType.Close) return null;
        message.Write(chunk, 0, result.Count);
        if (message.Length > limit)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, $"messages are limited to {limit} bytes", token);
            return null;
        }
        // Decode only the whole message: a frame may end in the middle of a multi-byte character.
        if (result.EndOfMessage) return Encoding.UTF8.GetString(message.ToArray());
    }
}
