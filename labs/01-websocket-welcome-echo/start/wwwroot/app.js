// Lab 01: the brief's browser client. Everything received from the network is shown with textContent.
const status = document.getElementById("status");
const log = document.getElementById("log");
const form = document.getElementById("form");
const input = document.getElementById("message");

// The same host and port the page came from; ws: for http:, wss: for https:.
const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/echo`;
const socket = new WebSocket(url);

socket.onopen = () => { status.textContent = "open"; };
socket.onclose = () => { status.textContent = "closed"; };

// TODO 4 (page): like the brief's `socket.onmessage = (event) => console.log(event.data)`, but show it:
//        append an <li> to #log whose textContent is event.data (never innerHTML: it came from the network).

form.addEventListener("submit", (event) => {
  event.preventDefault();
  // TODO 4 (page): send input.value over the socket (only when it is open), then clear the input.
});
