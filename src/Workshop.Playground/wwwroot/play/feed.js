// The live feed page: EventSource on /events. The browser reconnects by itself after a drop and sends
// Last-Event-ID; the server answers with a `replay` event (how many follow) and the missed events.
// Everything received is shown with textContent (el()), never innerHTML.
import { el, showState } from "./common.js";

const MAX_ROWS = 500;
const list = document.getElementById("events");
const badge = document.getElementById("state");
const reconnectsOut = document.getElementById("reconnects");
const lastIdOut = document.getElementById("last-id");
const countOut = document.getElementById("count");
const dropResult = document.getElementById("drop-result");

let source = null;
let opens = 0;
let reconnects = 0;
let replayLeft = 0;
let count = 0;
let lastSeenId = "";

function addRow(kind, id, name, data, marks = []) {
  const row = el("li", null, { "data-kind": kind });
  if (id) row.dataset.id = id;
  if (name) row.dataset.event = name;
  row.append(el("code", id ? `#${id}` : "—", { class: "feed-id" }), " ");
  row.append(el("strong", name || "message"), " ");
  for (const mark of marks) row.append(el("span", mark, { class: `feed-mark feed-mark-${mark.split(" ")[0]}` }), " ");
  row.append(el("span", data, { class: "feed-data" }));
  list.append(row);
  while (list.children.length > MAX_ROWS) list.firstElementChild.remove();
  list.scrollTop = list.scrollHeight;
}

function onFeedEvent(event) {
  const marks = [];
  if (replayLeft > 0) { marks.push("replayed after reconnect"); replayLeft--; }
  count++;
  countOut.textContent = String(count);
  lastSeenId = event.lastEventId;
  lastIdOut.textContent = lastSeenId || "none";
  addRow("event", event.lastEventId, event.type, event.data, marks);
}

function connect() {
  showState(badge, "connecting");
  // A new EventSource cannot set Last-Event-ID, so a manual resume passes it in the query; the browser's own
  // reconnects send the header, which the server prefers.
  const query = lastSeenId ? `?lastEventId=${encodeURIComponent(lastSeenId)}` : "";
  source = new EventSource(`/events${query}`);
  source.onopen = () => {
    opens++;
    if (opens > 1) { reconnects++; reconnectsOut.textContent = String(reconnects); }
    showState(badge, "open");
  };
  source.onerror = () => {
    // CONNECTING means the browser will retry by itself (after the server's retry: hint).
    showState(badge, source.readyState === EventSource.CONNECTING ? "reconnecting" : "closed");
  };
  // Unnamed events: the greeting sent first on every connection.
  // It carries no id (event.lastEventId would show the previous one), so none is displayed.
  source.onmessage = (event) => addRow("hello", null, "message", event.data);
  source.addEventListener("score", onFeedEvent);
  source.addEventListener("tick", onFeedEvent);
  source.addEventListener("replay", (event) => {
    const info = JSON.parse(event.data);
    replayLeft = info.count;
    addRow("replay", null, "replay", `${info.count} missed event(s) follow, after id ${info.after}`);
  });
  source.addEventListener("reset", (event) => {
    // The server could not resume from our id: what follows is the whole log it still holds.
    replayLeft = 0;
    lastSeenId = event.lastEventId;
    addRow("reset", event.lastEventId, "reset", event.data, ["reset"]);
  });
}

document.getElementById("drop").addEventListener("click", async () => {
  dropResult.textContent = "dropping…";
  try {
    const response = await fetch("/api/feed/drop", { method: "POST" });
    if (!response.ok) { dropResult.textContent = `drop unavailable (${response.status}; Development only)`; return; }
    const body = await response.json();
    dropResult.textContent = `dropped ${body.dropped} stream(s)`;
  } catch (error) {
    dropResult.textContent = `drop failed: ${error}`;
  }
});

const toggle = document.getElementById("toggle");
toggle.addEventListener("click", () => {
  if (source && source.readyState !== EventSource.CLOSED) {
    source.close();
    showState(badge, "closed", "paused");
    toggle.textContent = "Resume";
  } else {
    toggle.textContent = "Pause";
    connect();
  }
});

connect();
