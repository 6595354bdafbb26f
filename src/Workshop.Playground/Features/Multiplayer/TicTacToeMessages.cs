using System.Text.Json;
using Workshop.Protocols.WebSockets;

namespace Workshop.Playground.Features.Multiplayer;

/// <summary>
/// What the game sends (lab 09's protocol, plus <c>you</c> and <c>players</c> in the state):
/// <c>{"type":"welcome","seat","token"}</c>, <c>{"type":"state","board","turn","status","winner","gone","you","players"}</c>
/// and <c>{"type":"error","reason"}</c>.
/// </summary>
internal static class TicTacToeMessages
{
    public static OutboundMessage Welcome(string seat, string? token) => Encode(w =>
    {
        w.WriteString("type", "welcome");
        w.WriteString("seat", seat);
        if (token is null) w.WriteNull("token");
        else w.WriteString("token", token);
    });

    public static OutboundMessage State(TicTacToeTable table, string you, int players)
    {
        var (status, gone) = table.Status();
        return State(table.Game.Board, table.Game.Turn.ToString(), status, table.Game.Winner, gone, you, players);
    }

    /// <summary>A game shared through Redis: the same message, from its published snapshot.</summary>
    public static OutboundMessage State(TicTacToeSnapshot snapshot, string you)
    {
        var (status, gone) = snapshot.Status();
        return State(snapshot.Board, snapshot.Turn, status, snapshot.Winner.Length == 0 ? null : snapshot.Winner, gone, you, snapshot.Players);
    }

    private static OutboundMessage State(string board, string turn, string status, string? winner, string? gone, string you, int players) => Encode(w =>
    {
        w.WriteString("type", "state");
        w.WriteString("board", board);
        w.WriteString("turn", turn);
        w.WriteString("status", status);
        if (winner is null) w.WriteNull("winner");
        else w.WriteString("winner", winner);
        if (gone is null) w.WriteNull("gone");
        else w.WriteString("gone", gone);
        w.WriteString("you", you);
        w.WriteNumber("players", players);
    });

    public static OutboundMessage Error(string reason) => Encode(w =>
    {
        w.WriteString("type", "error");
        w.WriteString("reason", reason);
    });

    private static OutboundMessage Encode(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return OutboundMessage.Utf8(stream.ToArray());
    }
}
