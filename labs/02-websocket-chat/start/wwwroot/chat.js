// Lab 02: the chat page. Everything received from the network is shown with textContent, never innerHTML.
const nameInput = document.getElementById("name");
const status = document.getElementById("status");
const messages = document.getElementById("messages");
const form = document.getElementById("form");
const input = document.getElementById("message");
let socket = null;

function show(text, notice) {
  const item = document.createElement("li");
  item.textContent = text;
  if (notice) item.className = "notice";
  messages.append(item);
}

document.getElementById("join").addEventListener("click", () => {
  const name = nameInput.value.trim();
  if (name === "" || socket) return;
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(`${scheme}://${location.host}/ws/chat?name=${encodeURIComponent(name)}`);
  socket.onopen = () => { status.textContent = `joined as ${name}`; };
  socket.onclose = () => { status.textContent = "not joined"; socket = null; };
  // TODO 4 (page): parse each message (JSON.parse(event.data)) and show it with show():
  //        join -> "Bob joined" (notice), leave -> "Bob left" (notice), message -> "Alice: hi".
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  // TODO 4 (page): send input.value as plain text when the socket is open, then clear the input.
});
