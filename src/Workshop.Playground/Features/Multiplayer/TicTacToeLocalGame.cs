using Workshop.Protocols.WebSockets;

namespace Workshop.Playground.Features.Multiplayer;

/// <summary>
/// What one instance keeps of a game shared through Redis: its own members (the connections it serves) and the timer
/// that settles the game when a vanished player's grace ends. Changed only under <see cref="RedisTicTacToeServer"/>'s lock.
/// </summary>
internal sealed class TicTacToeLocalGame
{
    public List<Member> Members { get; } = [];

    public ITimer? Grace { get; set; }

    /// <summary>
    /// A connection in the game. Until its welcome is sent (<see cref="Ready"/>) the newest snapshot that arrives is
    /// kept in <see cref="Pending"/>, so nothing published between its seat and its welcome is lost or sent first.
    /// </summary>
    internal sealed class Member(string id, WebSocketConnection connection)
    {
        public string Id { get; } = id;

        public WebSocketConnection Connection { get; } = connection;

        public bool Ready { get; set; }

        public long Seen { get; set; }

        public TicTacToeSnapshot? Pending { get; set; }

        /// <summary>Sends the snapshot unless this member already has it or a newer one.</summary>
        public void Deliver(TicTacToeSnapshot snapshot)
        {
            if (!Ready)
            {
                if (Pending is null || snapshot.Version > Pending.Version) Pending = snapshot;
                return;
            }
            if (snapshot.Version <= Seen) return;
            Seen = snapshot.Version;
            Connection.TrySend(TicTacToeMessages.State(snapshot, snapshot.SeatOf(Id)));
        }
    }
}
