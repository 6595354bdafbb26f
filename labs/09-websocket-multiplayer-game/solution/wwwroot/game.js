// Lab 09 solved: the game page. It draws only what the server says; a click is a request, not a move.
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

// TODO 5 solved: why sessionStorage: it survives a reload of this tab but is not shared with other tabs, so two
// tabs of one browser are two players; localStorage would hand the second tab the first one's seat.
const token = sessionStorage.getItem(tokenKey);
const scheme = location.protocol === "https:" ? "wss" : "ws";
const socket = new WebSocket(`${scheme}://${location.host}/ws/game?game=${gameId}` + (token ? `&token=${encodeURIComponent(token)}` : ""));

socket.onmessage = (event) => {
  const message = JSON.parse(event.data);
  if (message.type === "welcome") {
    seatView.textContent = message.seat;
    if (message.token) sessionStorage.setItem(tokenKey, message.token);
  } else if (message.type === "state") {
    // TODO 5 solved: why the whole board every time: the server's state is the truth; drawing it whole means a
    // refused click, a missed message or a reload can never leave this page out of step.
    [...message.board].forEach((mark, i) => { cells[i].textContent = mark === "-" ? "" : mark; });
    statusView.textContent = describe(message);
    errorView.textContent = "";
  } else if (message.type === "error") {
    errorView.textContent = message.reason;
  }
};
socket.onclose = () => { statusView.textContent += " (disconnected)"; };

for (const cell of cells) {
  cell.addEventListener("click", () => {
    // TODO 5 solved: why send and not draw: the server answers with the new board (or an error) for everyone.
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "move", cell: Number(cell.dataset.cell) }));
  });
}

document.getElementById("leave").addEventListener("click", () => {
  // 1000 tells the server this is a goodbye, not a reload: the game ends now for the other player.
  sessionStorage.removeItem(tokenKey);
  socket.close(1000, "leave");
});
