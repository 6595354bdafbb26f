using System.Net.WebSockets;
using Workshop.Grading.Probes;

namespace Workshop.Grading.Checks.Hidden;

/// <summary>
/// <c>"kind": "websocket"</c>: connects to <see cref="HiddenCheck.Path"/> (optionally with an <c>origin</c>) and
/// plays a <c>script</c> of steps in order. The older form <c>send</c> (all sent first) plus <c>expect</c> (the
/// messages then received, exactly) is still read.
/// </summary>
internal sealed class WebSocketHiddenCheck : HiddenCheck
{
    public string? Origin { get; init; }

    public List<WebSocketStep> Script { get; init; } = [];

    public List<string>? Send { get; init; }

    public List<string>? Expect { get; init; }

    private IEnumerable<WebSocketStep> Steps => Script.Count > 0 ? Script
        : (Send ?? []).Select(s => new WebSocketStep { Send = s }).Concat((Expect ?? []).Select(e => new WebSocketStep { Expect = e }));

    public override string Describe() => $"on {Path}: {string.Join(", then ", Steps)}";

    public override string? Validate(string lab) =>
        Script.Count > 0 && (Send is not null || Expect is not null) ? "a websocket check has either \"script\" or \"send\"/\"expect\", not both"
        : !Steps.Any() ? "a websocket check needs a \"script\""
        : Script.FirstOrDefault(s => s.Actions != 1) is not null ? "each websocket step names exactly one of send, expect, expectContains, close, expectClose"
        : null;

    public override async Task<CheckOutcome> RunAsync(CheckContext context)
    {
        var token = RunToken.New();
        using var socket = await WebSocketProbe.ConnectAsync(context.WsUrl(RunToken.Apply(Path, token)), context.CancellationToken, Origin);
        var seen = new List<string>();
        foreach (var step in Steps)
        {
            if (step.Send is { } send)
            {
                await WebSocketProbe.SendTextAsync(socket, RunToken.Apply(send, token), context.CancellationToken);
                continue;
            }
            if (step.Close is { } close)
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)close, "hidden check", context.CancellationToken);
                continue;
            }
            var text = await WebSocketProbe.ReceiveTextAsync(socket, context.CancellationToken);
            if (step.ExpectClose is { } code)
            {
                if (text is not null) seen.Add(WebSocketProbe.Describe(text));
                var status = (int?)socket.CloseStatus;
                seen.Add(status is null ? "(no close)" : $"close {status}");
                if (text is not null || status != code) return CheckOutcome.Fail($"received [{string.Join(", ", seen)}]");
                continue;
            }
            seen.Add(WebSocketProbe.Describe(text));
            var ok = text is not null && (step.Expect is { } exact ? text == RunToken.Apply(exact, token) : text.Contains(RunToken.Apply(step.ExpectContains!, token), StringComparison.Ordinal));
            if (!ok) return CheckOutcome.Fail($"received [{string.Join(", ", seen)}]");
        }
        if (socket.State == WebSocketState.Open) await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", context.CancellationToken);
        return CheckOutcome.Pass($"received [{string.Join(", ", seen)}]");
    }
}
