// The notifications page: one EventSource per browser, shared by its tabs. Everything received from the network
// is shown with textContent (through el), never parsed as HTML.
import { el } from "./common.js";

const list = document.getElementById("list");
const unread = document.getElementById("unread");
const state = document.getElementById("state");
const role = document.getElementById("role");

async function post(url, body) {
  return fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

async function problem(response) {
  try { return (await response.json()).detail ?? String(response.status); } catch { return String(response.status); }
}

document.getElementById("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  // The answer sets an HttpOnly cookie: this script never sees the session.
  const response = await post("/login", { name: document.getElementById("name").value });
  if (response.ok) location.reload();
  else state.textContent = await problem(response);
});

document.getElementById("notify-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const response = await post("/notify", { to: document.getElementById("to").value, text: document.getElementById("text").value });
  document.getElementById("notify-result").textContent = response.ok ? "sent" : await problem(response);
});

function show(note) {
  if (list.querySelector(`li[data-id="${Number(note.id)}"]`)) return; // the inbox and the stream may both bring it
  const item = el("li", note.text, { "data-id": String(Number(note.id)) });
  if (note.read) item.classList.add("muted");
  const button = el("button", "mark read", { type: "button" });
  button.addEventListener("click", async () => {
    const response = await fetch(`/notifications/${Number(note.id)}/read`, { method: "POST" });
    if (response.ok) item.classList.add("muted");
  });
  item.append(" ", button);
  list.append(item);
}

// One message shape for what this tab's stream brings and what the leader tab relays.
function apply(message) {
  if (message.type === "notification") show(message.note);
  else if (message.type === "unread") unread.textContent = String(message.count);
  else if (message.type === "state") { state.textContent = message.state; state.dataset.state = message.state; }
}

const channel = new BroadcastChannel("playground-notifications");
channel.onmessage = (event) => apply(event.data);

// The tab holding the Web Lock is the leader: it alone opens the EventSource. Over HTTP/1.1 a browser opens at
// most six connections per origin and each EventSource holds one, so a stream per tab would starve the seventh.
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
  // 401 until signed in: the session cookie is HttpOnly, so asking is the only way this script can tell.
  if (!response.ok) { state.textContent = "sign in to get your notifications"; state.dataset.state = "signed-out"; return; }
  const inbox = await response.json();
  document.getElementById("me").textContent = inbox.user;
  document.getElementById("to").value = inbox.user;
  unread.textContent = String(inbox.unread);
  inbox.items.forEach(show);
  role.textContent = "sharing another tab's stream";
  // Web Locks exist only in a secure context: https, or http on localhost / 127.0.0.1.
  if (!navigator.locks) { role.textContent = "no Web Locks here: open the page on localhost or over https"; return; }
  navigator.locks.request("playground-notification-stream", lead);
}

start();
