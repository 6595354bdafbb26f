using Workshop.Grading.Probes;
using Workshop.Grading.Transcripts;
using Xunit;

namespace Workshop.Labs.Tests.Transcripts;

/// <summary>The WebSocket probes record every frame by name: opcode, length, FIN, close code and reason.</summary>
public sealed class WebSocketTranscriptTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Raw_socket_records_each_frame_by_opcode_name_with_length_fin_and_close_code()
    {
        await using var app = new ScriptedWebSocketServer(
        [
            ScriptedWebSocketServer.Text("Welcome!"),
            (9, true, []),
            (10, true, [1, 2]),
            ScriptedWebSocketServer.Text("par", fin: false),
            (0, true, "t"u8.ToArray()),
            ScriptedWebSocketServer.Close(1009, "too big"),
        ]);
        var recorder = new TranscriptRecorder(TimeProvider.System);
        TranscriptRecorder.SetCurrent(recorder);
        using var timeout = new CancellationTokenSource(Patience);

        await using var raw = await RawWebSocket.ConnectAsync(new Uri($"ws://127.0.0.1:{app.BaseAddress.Port}/ws/live"), timeout.Token);
        var opcodes = new List<int>();
        for (var i = 0; i < 6; i++) opcodes.Add((await raw.ReadFrameAsync(timeout.Token))!.Value);

        Assert.Equal("[text, ping, pong, text, continuation, close]", WebSocketFrames.Names(opcodes));
        var summaries = recorder.Snapshot().Entries.Select(e => e.Summary).ToList();
        Assert.Equal(
        [
            "GET /ws/live (WebSocket upgrade)",
            "101 Switching Protocols",
            "text \"Welcome!\" (8 B, FIN)",
            "ping (0 B, FIN)",
            "pong (2 B, FIN)",
            "text \"par\" (3 B, no FIN)",
            "continuation \"t\" (1 B, FIN)",
            "close 1009 \"too big\"",
        ], summaries);
        Assert.All(recorder.Snapshot().Entries.Skip(1), e => Assert.Equal((TranscriptParty.App, TranscriptParty.Checker), (e.From, e.To)));
    }

    [Fact]
    public async Task Client_socket_records_the_handshake_the_messages_both_ways_and_the_close()
    {
        await using var app = new ScriptedWebSocketServer([ScriptedWebSocketServer.Text("Welcome!"), ScriptedWebSocketServer.Close(1008, "policy")]);
        var recorder = new TranscriptRecorder(TimeProvider.System);
        TranscriptRecorder.SetCurrent(recorder);
        using var timeout = new CancellationTokenSource(Patience);

        using var socket = await WebSocketProbe.ConnectAsync(new Uri($"ws://127.0.0.1:{app.BaseAddress.Port}/ws/echo"), timeout.Token);
        Assert.Equal("Welcome!", await WebSocketProbe.ReceiveTextAsync(socket, timeout.Token));
        await WebSocketProbe.SendTextAsync(socket, new string('y', 10_000), timeout.Token, frameSize: 4096);
        Assert.Null(await WebSocketProbe.ReceiveTextAsync(socket, timeout.Token));

        var lines = recorder.Snapshot().Entries.Select(Transcript.Line).ToList();
        Assert.Contains(lines, l => l.EndsWith("checker → app  GET /ws/echo (WebSocket upgrade)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("app → checker  101 Switching Protocols", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("app → checker  text \"Welcome!\" (8 B, FIN)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("checker → app  text \"yyy", StringComparison.Ordinal) && l.EndsWith("(10000 B in 3 frames, FIN)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("app → checker  close 1008 \"policy\"", StringComparison.Ordinal));
    }
}
