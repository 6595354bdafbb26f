using System.Net.Sockets;
using System.Text;

namespace Workshop.Security.Tests.Webhooks;

/// <summary>
/// A webhook destination on 127.0.0.1 that answers every request with 200 (a raw socket server, so no second ASP.NET
/// Core host is built while <see cref="ProductionPlayground"/> instances start).
/// </summary>
internal sealed class StorageAttackTarget : IAsyncDisposable
{
    private static readonly byte[] Ok = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public StorageAttackTarget()
    {
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook");
        _loop = AcceptAsync(_stopping.Token);
    }

    public Uri Url { get; }

    private async Task AcceptAsync(CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(token);
                _ = AnswerAsync(client, token);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static async Task AnswerAsync(TcpClient client, CancellationToken token)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[64 * 1024];
                var received = new StringBuilder();
                int read;
                // Headers, then as much body as Content-Length says (the sender always sends one).
                while ((read = await stream.ReadAsync(buffer, token)) > 0)
                {
                    received.Append(Encoding.Latin1.GetString(buffer, 0, read));
                    var text = received.ToString();
                    var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (end < 0) continue;
                    if (text.Length - end - 4 >= ContentLength(text[..end])) break;
                }
                await stream.WriteAsync(Ok, token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // The sender gave up or the test is over.
            }
        }
    }

    private static int ContentLength(string headers)
    {
        foreach (var line in headers.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                return int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _loop;
        _stopping.Dispose();
    }
}
