using System.Text.Json;

/// <summary>
/// What the server sends, as JSON text:
/// <c>{"type":"welcome","seat":"X","token":"…"}</c>, <c>{"type":"state","board":"X---O----","turn":"X",
/// "status":"playing","winner":null,"gone":null}</c> and <c>{"type":"error","reason":"…"}</c>.
/// </summary>
public static class GameMessages
{
    public static string Welcome(string seat, string? token) =>
        JsonSerializer.Serialize(new { type = "welcome", seat, token }, JsonSerializerOptions.Web);

    /// <summary>status: waiting (no second player yet), playing, away (gone's player vanished), over, abandoned.</summary>
    public static string State(Board board, string status, string? gone) =>
        JsonSerializer.Serialize(new { type = "state", board = board.Cells, turn = board.Turn.ToString(), status, winner = board.Winner, gone },
            JsonSerializerOptions.Web);

    public static string Error(string reason) =>
        JsonSerializer.Serialize(new { type = "error", reason }, JsonSerializerOptions.Web);
}
