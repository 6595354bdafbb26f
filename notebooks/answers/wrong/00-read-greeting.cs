// Your turn (00-read-greeting): connect, read one text message, close politely, return the text
// Wrong: decodes the whole buffer instead of the result.Count bytes that arrived.
async Task<string> ReadGreetingAsync(Uri url, CancellationToken token)
{
    using var socket = new ClientWebSocket();
    await socket.ConnectAsync(url, token);
    var chunk = new byte[64];
    await socket.ReceiveAsync(chunk, token);
    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "thanks", token);
    return Encoding.UTF8.GetString(chunk);
}
