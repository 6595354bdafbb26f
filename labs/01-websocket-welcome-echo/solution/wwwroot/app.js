// Lab 01 solved: the brief's browser client. Everything received from the network is shown with textContent.
const status = document.getElementById("status");
const log = document.getElementById("log");
const form = document.getElementById("form");
const input = document.getElementById("message");

// The same host and port the page came from; ws: for http:, wss: for https:.
const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/echo`;
const socket = new WebSocket(url);

socket.onopen = () => { status.textContent = "open"; };
socket.onclose = () => { status.textContent = "closed"; };

// TODO 4 solved: why textContent: a message is data from the network; innerHTML would run any markup in it.
socket.onmessage = (event) => {
  const item = document.createElement("li");
  item.textContent = event.data;
  log.append(item);
};

form.addEventListener("submit", (event) => {
  event.preventDefault();
  // TODO 4 solved: why the readyState test: send() on a socket that is not open throws.
  if (socket.readyState !== WebSocket.OPEN || input.value === "") return;
  socket.send(input.value);
  input.value = "";
});
