// Your turn (00-read-greeting): connect, read one text message, close politely, return the text
async Task<string> ReadGreetingAsync(Uri url, CancellationToken token)
{
    using var socket = new ClientWebSocket();
    await socket.ConnectAsync(url, token);
    var chunk = new byte[1024];
    using var message = new System.IO.MemoryStream();
    WebSocketReceiveResult result;
    do
    {
        // A message may come in several frames: keep reading until EndOfMessage.
        result = await socket.ReceiveAsync(chunk, token);
        message.Write(chunk, 0, result.Count);
    } while (!result.EndOfMessage);
    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "thanks", token);
    return Encoding.UTF8.GetString(message.ToArray());
}
