// Lab 02 solved: the chat page. Everything received from the network is shown with textContent, never innerHTML.
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
  // TODO 4 solved: why a switch on type: the server speaks a tiny protocol; unknown types are ignored, not shown.
  socket.onmessage = (event) => {
    const chat = JSON.parse(event.data);
    if (chat.type === "join") show(`${chat.name} joined`, true);
    else if (chat.type === "leave") show(`${chat.name} left`, true);
    else if (chat.type === "message") show(`${chat.name}: ${chat.text}`, false);
  };
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  // TODO 4 solved: why check readyState: before "join" (or after a drop) there is nothing to send on.
  if (!socket || socket.readyState !== WebSocket.OPEN || input.value === "") return;
  socket.send(input.value);
  input.value = "";
});
