// Lab 09: the game page. It draws only what the server says; a click is a request, not a move.
const params = new URLSearchParams(location.search);
const gameId = /^[A-Za-z0-9_-]{1,32}$/.test(params.get("game") ?? "") ? params.get("game") : crypto.randomUUID().slice(0, 8);
history.replaceState(null, "", `?game=${gameId}`);
document.getElementById("game").textContent = gameId;
document.getElementById("share").href = location.href;

const seatView = document.getElementById("seat");
const statusView = document.getElementById("status");
const errorView = document.getElementById("error");
const cells = [...document.querySelectorAll("#board [data-cell]")];
const tokenKey = `lab09-token:${gameId}`;

function describe(state) {
  switch (state.status) {
    case "waiting": return "waiting for a second player";
    case "away": return `${state.gone} is away: waiting for them to come back`;
    case "abandoned": return `${state.gone} left: the game is over`;
    case "over": return state.winner === "draw" ? "a draw" : `${state.winner} wins`;
    default: return `${state.turn} to play`;
  }
}

// TODO 5 (page): read the token this tab was given earlier (if any) from sessionStorage under tokenKey: the URL
//        below sends it as &token=..., so a reload rejoins the same seat.
const token = null;
const scheme = location.protocol === "https:" ? "wss" : "ws";
const socket = new WebSocket(`${scheme}://${location.host}/ws/game?game=${gameId}` + (token ? `&token=${encodeURIComponent(token)}` : ""));

socket.onmessage = (event) => {
  const message = JSON.parse(event.data);
  if (message.type === "welcome") {
    seatView.textContent = message.seat;
    // TODO 5 (page): keep message.token (players get one) in sessionStorage under tokenKey.
  } else if (message.type === "state") {
    // TODO 5 (page): draw message.board (nine characters: X, O or - for empty) into the nine cells, with
    //        textContent ("" for an empty cell).
    statusView.textContent = describe(message);
    errorView.textContent = "";
  } else if (message.type === "error") {
    errorView.textContent = message.reason;
  }
};
socket.onclose = () => { statusView.textContent += " (disconnected)"; };

for (const cell of cells) {
  cell.addEventListener("click", () => {
    // TODO 5 (page): ask the server for this move: send {"type":"move","cell":N} as JSON text (N is
    //        cell.dataset.cell as a number) while the socket is open. Do not draw it: the server's state will.
  });
}

document.getElementById("leave").addEventListener("click", () => {
  // 1000 tells the server this is a goodbye, not a reload: the game ends now for the other player.
  sessionStorage.removeItem(tokenKey);
  socket.close(1000, "leave");
});
