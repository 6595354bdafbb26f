// Lab 03 solved: a client that shows its state and comes back by itself.
const state = document.getElementById("state");
const log = document.getElementById("log");
const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/live`;
let attempt = 0;

function setState(text) {
  state.textContent = text;
  const item = document.createElement("li");
  item.textContent = text;
  log.append(item);
}

// Why doubling with jitter: after a server restart every client reconnects; without jitter they all arrive in the
// same millisecond (a thundering herd), and without a cap a long outage would push the retry out for minutes.
function backoff(n) {
  const ceiling = Math.min(250 * 2 ** n, 5000);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function connect() {
  setState("connecting");
  const socket = new WebSocket(url);
  socket.onopen = () => { attempt = 0; setState("open"); };
  // TODO 4 solved: why onclose and not onerror: every failure ends in close (onerror comes first, without details).
  socket.onclose = () => {
    const delay = Math.round(backoff(attempt++));
    setState(`reconnecting in ${delay} ms`);
    setTimeout(connect, delay);
  };
}

connect();
