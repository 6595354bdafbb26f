// Chat page: one WebSocket speaking chat.v1. Everything received is shown with textContent (via el()), so a
// message containing <script> or <img onerror> stays text.
import { el, showState, backoffDelay, wsUrl } from "./common.js";

const $ = (id) => document.getElementById(id);
const state = $("state");
const log = $("log");
const joined = new Map(); // room -> my name there; re-joined after a reconnect
// room -> { names, count }: from the last "joined" (at most 50 names, plus the room's full memberCount) minus later "left"s
const members = new Map();
let active = null;
let socket = null;
let attempt = 0;

function addLine(text, kind = "") {
  const line = el("li", text, kind ? { "data-kind": kind } : {});
  log.append(line);
  log.scrollTop = log.scrollHeight;
}

function refresh() {
  const room = members.get(active);
  const more = room ? room.count - room.names.length : 0;
  $("members").textContent = room?.names.length ? room.names.join(", ") + (more > 0 ? ` and ${more} more` : "") : "–";
  $("rooms").textContent = joined.size ? [...joined.keys()].join(", ") : "none";
  const canTalk = socket?.readyState === WebSocket.OPEN && active !== null;
  $("text").disabled = !canTalk;
  $("send").disabled = !canTalk;
  $("leave").disabled = !canTalk;
}

function send(command) {
  if (socket?.readyState !== WebSocket.OPEN) { addLine("not connected: try again in a moment", "error"); return; }
  socket.send(JSON.stringify(command));
}

function onEvent(event) {
  const time = event.at ? new Date(event.at).toLocaleTimeString() : "";
  switch (event.type) {
    case "joined":
      members.set(event.room, { names: event.members, count: event.memberCount ?? event.members.length });
      refresh();
      addLine(`${time} [${event.room}] ${event.name} joined`, "joined");
      break;
    case "said":
      addLine(`${time} [${event.room}] ${event.name}: ${event.text}`, "said");
      break;
    case "left":
      if (members.has(event.room)) {
        const room = members.get(event.room);
        const i = room.names.indexOf(event.name);
        if (i >= 0) room.names.splice(i, 1);
        room.count = Math.max(room.names.length, room.count - 1);
        refresh();
      }
      addLine(`${time} [${event.room}] ${event.name} left`, "left");
      break;
    case "error":
      addLine(`error ${event.code}: ${event.reason}`, "error");
      break;
    default:
      addLine(`unknown event: ${JSON.stringify(event)}`, "error");
  }
}

function connect() {
  showState(state, attempt === 0 ? "connecting" : "reconnecting");
  socket = new WebSocket(wsUrl("/ws/chat"), ["chat.v1"]);
  socket.addEventListener("open", () => {
    attempt = 0;
    showState(state, "open");
    for (const [room, name] of joined) socket.send(JSON.stringify({ type: "join", room, name }));
    refresh();
  });
  socket.addEventListener("message", (e) => {
    let event;
    try { event = JSON.parse(e.data); } catch { addLine(`unreadable frame: ${e.data}`, "error"); return; }
    onEvent(event);
  });
  socket.addEventListener("close", (e) => {
    const delay = backoffDelay(attempt++);
    showState(state, "reconnecting", `closed ${e.code}${e.reason ? ": " + e.reason : ""}; retry in ${(delay / 1000).toFixed(1)} s`);
    refresh();
    setTimeout(connect, delay);
  });
}

$("join-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const room = $("room").value.trim();
  const name = $("name").value.trim();
  if (!room || !name) return;
  if (!joined.has(room)) send({ type: "join", room, name });
  joined.set(room, name);
  active = room;
  refresh();
  $("text").focus();
});

$("leave").addEventListener("click", () => {
  if (active === null) return;
  send({ type: "leave", room: active });
  joined.delete(active);
  members.delete(active);
  active = joined.size ? [...joined.keys()].at(-1) : null;
  refresh();
});

$("say-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const text = $("text").value;
  if (!text || active === null) return;
  send({ type: "say", room: active, text });
  $("text").value = "";
});

connect();
