// Lab 10 solved: the page. Everything received from the network is shown with textContent.
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

// TODO 5 solved: why one stream per browser: over HTTP/1.1 a browser opens at most six connections per origin,
// and every EventSource holds one for good: the seventh tab's stream (and every other request it makes) would
// wait forever. The tab holding the Web Lock is the leader: it alone opens the EventSource and relays each event
// to the other tabs over the BroadcastChannel. When it closes, the lock passes to another tab, which opens it.
function lead() {
  role.textContent = "this tab holds the stream";
  const source = new EventSource("/notifications/stream");
  // BroadcastChannel never delivers to its sender: the leader applies each message itself, then relays it.
  const relay = (message) => { apply(message); channel.postMessage(message); };
  source.onopen = () => relay({ type: "state", state: "open" });
  source.onerror = () => relay({ type: "state", state: source.readyState === EventSource.CLOSED ? "closed" : "reconnecting" });
  source.addEventListener("notification", (event) => relay({ type: "notification", note: JSON.parse(event.data) }));
  source.addEventListener("unread", (event) => relay({ type: "unread", count: Number(event.data) }));
  return new Promise(() => {}); // never settles: the lock is held for the life of this tab
}

async function start() {
  const response = await fetch("/notifications");
  if (!response.ok) { state.textContent = "sign in to get your notifications"; return; }
  const inbox = await response.json();
  document.getElementById("me").textContent = inbox.user;
  unread.textContent = String(inbox.unread);
  inbox.items.forEach(show);
  state.textContent = "shared";
  role.textContent = "sharing another tab's stream";
  // Web Locks exist only in a secure context: https, or http on localhost / 127.0.0.1 (not a LAN address).
  if (!navigator.locks) role.textContent = "no Web Locks here: open the page on localhost or over https";
  navigator.locks.request("lab10-notification-stream", lead);
}

start();
