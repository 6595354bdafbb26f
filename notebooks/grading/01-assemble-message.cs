// Probe 01-assemble-message, learner function: ReadWholeMessageAsync
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

internal static class Probe_01_assemble_message
{
    private static readonly string[] Pieces = ["¡hola", ", ", "in ", "frames", "!", "é", "€", "😀", "नमस्ते", "abc", " "];

    public static IEnumerable<ProbeCase> Cases(Random random, Func<WebSocket, int, CancellationToken, Task<string?>> readWholeMessageAsync)
    {
        // The check cell's script first: three frames (one splits '¡'), 3000 bytes in one frame, 5000 over a 4096 limit.
        var first = Encoding.UTF8.GetBytes("¡hola, in three frames!");
        yield return Script("the check cell's three messages", 4096, readWholeMessageAsync,
            [[first[..1], first[1..7], first[7..]], [Encoding.UTF8.GetBytes(new string('x', 3000))]], oversize: 5000);
        // Then random messages in random frames (splitting characters anywhere), well under or well over the limit.
        for (var i = 0; i < 6; i++)
        {
            var limit = random.Next(200, 4097);
            var messages = new List<byte[][]>();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var text = "";
                var size = random.Next(1, limit * 4 / 5);
                while (Encoding.UTF8.GetByteCount(text) < size) text += Pieces[random.Next(Pieces.Length)];
                var bytes = Encoding.UTF8.GetBytes(text);
                if (bytes.Length > limit * 4 / 5) bytes = Encoding.UTF8.GetBytes(new string('y', limit * 4 / 5));
                messages.Add(Split(bytes, random));
            }
            yield return Script($"random messages with a {limit}-byte limit (#{i + 1})", limit, readWholeMessageAsync, messages, oversize: i % 2 == 0 ? limit * 5 / 4 + random.Next(1, 500) : null);
        }
    }

    private static byte[][] Split(byte[] bytes, Random random)
    {
        var cuts = Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(1, Math.Max(2, bytes.Length))).Where(c => c < bytes.Length).Distinct().Order().ToList();
        var frames = new List<byte[]>();
        var start = 0;
        foreach (var cut in cuts.Append(bytes.Length))
        {
            frames.Add(bytes[start..cut]);
            start = cut;
        }
        return frames.ToArray();
    }

    private static ProbeCase Script(string label, int limit, Func<WebSocket, int, CancellationToken, Task<string?>> read, List<byte[][]> messages, int? oversize) =>
        ProbeCase.Of($"ReadWholeMessageAsync: {label} ({string.Join(", ", messages.Select(m => $"{m.Sum(f => f.Length)} bytes in {m.Length} frame(s)"))}{(oversize is { } o ? $", then {o} bytes" : "")})", async token =>
        {
            using var pair = await LoopbackSockets.PairAsync(token);
            var results = new List<string>();
            foreach (var frames in messages)
            {
                for (var f = 0; f < frames.Length; f++) await pair.Server.SendAsync(frames[f], WebSocketMessageType.Text, endOfMessage: f == frames.Length - 1, token);
                results.Add(ProbeText.Show(await read(pair.Client, limit, token)));
            }
            if (oversize is { } size)
            {
                await pair.Server.SendAsync(new byte[size], WebSocketMessageType.Text, endOfMessage: true, token);
                results.Add(ProbeText.Show(await read(pair.Client, limit, token)));
                var closeSeen = await pair.Server.ReceiveAsync(new byte[16], token);
                results.Add("close status " + (closeSeen.CloseStatus?.ToString() ?? "none"));
            }
            return string.Join(" | ", results);
        });
}
