using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.WebSockets;

namespace Workshop.Faults.Tests;

/// <summary>
/// Many WebSocket clients that read every broadcast and record its latency. A message carries its phase, its
/// sequence number and the <see cref="Stopwatch"/> timestamp of the broadcast (server and clients share the process).
/// </summary>
internal sealed class BroadcastReaders : IAsyncDisposable
{
    private readonly List<ClientWebSocket> _clients = [];
    private readonly List<Task> _loops = [];
    private readonly Lock _gate = new();
    private readonly Dictionary<int, List<double>> _latencies = [];
    private readonly Dictionary<int, int> _received = [];
    private readonly CancellationTokenSource _stop = new();

    public int Count => _clients.Count;

    public static async Task<BroadcastReaders> ConnectAsync(Uri uri, int count)
    {
        var readers = new BroadcastReaders();
        for (var i = 0; i < count; i += 50)
        {
            var batch = Enumerable.Range(i, Math.Min(50, count - i)).Select(_ => FaultServer.ConnectAsync(uri));
            foreach (var client in await Task.WhenAll(batch))
            {
                readers._clients.Add(client);
                readers._loops.Add(Task.Run(() => readers.ReadAsync(client)));
            }
        }
        return readers;
    }

    /// <summary>A message of <paramref name="size"/> bytes stamped with its phase, sequence and send time.</summary>
    public static byte[] Stamp(int phase, int sequence, int size)
    {
        var payload = new byte[size];
        BinaryPrimitives.WriteInt32LittleEndian(payload, phase);
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(4), sequence);
        BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(8), Stopwatch.GetTimestamp());
        return payload;
    }

    public int Received(int phase)
    {
        lock (_gate) return _received.GetValueOrDefault(phase);
    }

    public List<double> Latencies(int phase)
    {
        lock (_gate) return [.. _latencies.GetValueOrDefault(phase) ?? []];
    }

    private async Task ReadAsync(ClientWebSocket client)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await client.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) return;
                if (!result.EndOfMessage || result.Count < 16) continue; // messages are small: one frame each
                var now = Stopwatch.GetTimestamp();
                var phase = BinaryPrimitives.ReadInt32LittleEndian(buffer);
                var sent = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(8));
                var latency = Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds;
                lock (_gate)
                {
                    _received[phase] = _received.GetValueOrDefault(phase) + 1;
                    if (!_latencies.TryGetValue(phase, out var list)) _latencies[phase] = list = [];
                    list.Add(latency);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Stopped by the test or the server went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        foreach (var client in _clients) client.Dispose();
        _stop.Dispose();
    }
}
