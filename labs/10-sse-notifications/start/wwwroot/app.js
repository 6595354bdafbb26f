// Lab 10: the page. Everything received from the network is shown with textContent.
const list = document.getElementById("list");
const unread = document.getElementById("unread");
const state = document.getElementById("state");
const role = document.getElementById("role");

document.getElementById("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const name = document.getElementById("name").value;
  // The answer sets an HttpOnly cookie: this script never sees the session, and EventSource sends it by itself.
  const response = await fetch("/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name }) });
  if (response.ok) location.reload();
});

function show(note) {
  if (list.querySelector(`li[data-id="${note.id}"]`)) return; // the inbox and the stream may both bring it
  const item = document.createElement("li");
  item.dataset.id = String(note.id);
  item.textContent = note.text;
  if (note.read) item.classList.add("read");
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "mark read";
  button.addEventListener("click", async () => {
    const response = await fetch(`/notifications/${note.id}/read`, { method: "POST" });
    if (response.ok) item.classList.add("read");
  });
  item.append(button);
  list.append(item);
}

// One message shape for what this tab's stream brings and what another tab's stream relays.
function apply(message) {
  if (message.type === "notification") show(message.note);
  else if (message.type === "unread") unread.textContent = String(message.count);
  else if (message.type === "state") state.textContent = message.state;
}

const channel = new BroadcastChannel("lab10-notifications");
channel.onmessage = (event) => apply(event.data);

// TODO 5 (shared): every tab opens its own EventSource, and over HTTP/1.1 a browser keeps at most six
//        connections per origin: open seven tabs and the seventh never loads. Let one tab (the leader) hold the
//        stream and relay what it gets to the other tabs: elect it with navigator.locks.request (held while the
//        tab lives, handed on when it closes) and relay over the BroadcastChannel above (which never delivers to
//        its sender: the leader applies each message itself too). A SharedWorker is another way.
function openStream() {
  const source = new EventSource("/notifications/stream");
  source.onopen = () => apply({ type: "state", state: "open" });
  source.onerror = () => apply({ type: "state", state: source.readyState === EventSource.CLOSED ? "closed" : "reconnecting" });
  source.addEventListener("notification", (event) => apply({ type: "notification", note: JSON.parse(event.data) }));
  source.addEventListener("unread", (event) => apply({ type: "unread", count: Number(event.data) }));
}

async function start() {
  const response = await fetch("/notifications");
  if (!response.ok) { state.textContent = "sign in to get your notifications"; return; }
  const inbox = await response.json();
  document.getElementById("me").textContent = inbox.user;
  unread.textContent = String(inbox.unread);
  inbox.items.forEach(show);
  role.textContent = "this tab has its own stream";
  // Web Locks exist only in a secure context: https, or http on localhost / 127.0.0.1 (not a LAN address).
  if (!navigator.locks) role.textContent = "no Web Locks here: open the page on localhost or over https";
  openStream();
}

start();
