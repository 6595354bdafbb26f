// Tic-tac-toe page: the server owns the board; this page only sends {"type":"move","cell":n} and draws the state.
// The seat's token lives in sessionStorage: a reload (or a reconnect) of this tab brings it back to its seat, while
// another tab of the same browser is another player (localStorage would be shared by both).
import { showState, backoffDelay, wsUrl } from "./common.js";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
let gameId = params.get("game");
if (!gameId || !/^[A-Za-z0-9_-]{1,32}$/.test(gameId)) {
  gameId = Math.random().toString(36).slice(2, 10);
  history.replaceState(null, "", `?game=${gameId}`);
}
$("share").href = location.href;
$("share").textContent = location.href;

const cells = [];
for (let i = 0; i < 9; i++) {
  const button = document.createElement("button");
  button.id = `cell-${i}`;
  button.type = "button";
  button.setAttribute("aria-label", `cell ${i}`);
  button.addEventListener("click", () => send({ type: "move", cell: i }));
  $("board").append(button);
  cells.push(button);
}

let socket = null;
let attempt = 0;
let leaving = false;
const tokenKey = `game-token:${gameId}`;

function send(message) {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function draw(s) {
  $("error").textContent = "";
  $("you").textContent = s.you;
  [...s.board].forEach((c, i) => { cells[i].textContent = c === "-" ? "" : c; });
  let status;
  if (s.winner === "draw") status = "Draw.";
  else if (s.winner) status = `${s.winner} wins!`;
  else if (s.status === "abandoned") status = `${s.gone} left. The game is over.`;
  else if (s.status === "away") status = `${s.gone} is away: waiting for them to come back…`;
  else if (s.status === "waiting") status = "Waiting for a second player…";
  else status = s.turn === s.you ? "Your turn." : `${s.turn} to play.`;
  $("status").textContent = status;
  $("reset").disabled = !(s.winner || s.status === "abandoned") || s.you === "spectator";
  document.body.dataset.turn = s.turn;
  document.body.dataset.winner = s.winner ?? "";
}

function connect() {
  showState($("state"), attempt === 0 ? "connecting" : "reconnecting");
  const token = sessionStorage.getItem(tokenKey);
  const query = `game=${encodeURIComponent(gameId)}` + (token ? `&token=${encodeURIComponent(token)}` : "");
  socket = new WebSocket(wsUrl(`/ws/game?${query}`));
  socket.addEventListener("open", () => { attempt = 0; showState($("state"), "open"); });
  socket.addEventListener("message", (e) => {
    let m;
    try { m = JSON.parse(e.data); } catch { return; }
    if (m.type === "welcome") { if (m.token) sessionStorage.setItem(tokenKey, m.token); }
    else if (m.type === "state") draw(m);
    else if (m.type === "error") $("error").textContent = m.reason;
  });
  socket.addEventListener("close", (e) => {
    if (leaving) { showState($("state"), "closed", "you left the game"); return; }
    const delay = backoffDelay(attempt++);
    showState($("state"), "reconnecting", `closed ${e.code}; retry in ${(delay / 1000).toFixed(1)} s`);
    setTimeout(connect, delay);
  });
}

$("reset").addEventListener("click", () => send({ type: "reset" }));
$("leave").addEventListener("click", () => {
  // 1000 is a goodbye: the game ends at once for the other player (any other close gives a grace period).
  leaving = true;
  sessionStorage.removeItem(tokenKey);
  socket?.close(1000, "leave");
});
connect();
