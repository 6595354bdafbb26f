// Your turn (01-assemble-message): the next whole text message, or null (peer closed, or message over the limit)
// Wrong: decodes every frame on its own, so a character split between two frames is garbled.
async Task<string?> ReadWholeMessageAsync(WebSocket socket, int limit, CancellationToken token)
{
    var chunk = new byte[1024];
    var text = new StringBuilder();
    var size = 0;
    while (true)
    {
        var result = await socket.ReceiveAsync(chunk, token);
        if (result.MessageType == WebSocketMessageType.Close) return null;
        size += result.Count;
        if (size > limit)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "too big", token);
            return null;
        }
        text.Append(Encoding.UTF8.GetString(chunk, 0, result.Count));
        if (result.EndOfMessage) return text.ToString();
    }
}
