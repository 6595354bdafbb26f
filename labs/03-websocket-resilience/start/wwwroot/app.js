// Lab 03: a client that shows its state and (once you are done) comes back by itself.
const state = document.getElementById("state");
const log = document.getElementById("log");
const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/live`;

function setState(text) {
  state.textContent = text;
  const item = document.createElement("li");
  item.textContent = text;
  log.append(item);
}

function connect() {
  setState("connecting");
  const socket = new WebSocket(url);
  socket.onopen = () => setState("open");
  socket.onclose = () => {
    setState("closed");
    // TODO 4 (page): reconnect. Show "reconnecting" (setState), wait a backoff delay that doubles per failed
    //        attempt (250 ms, 500 ms, 1 s ... capped at 5 s, with some random jitter), then call connect() again.
    //        Reset the attempt counter once a connection opens.
  };
}

connect();
