// The webhook sender page: enqueue a signed test event through POST /api/sender/deliveries, then poll
// GET /api/sender/deliveries/{id} for the attempt timeline. When the destination is one of this server's bins,
// what it received is followed live as well. Everything from the network is shown with textContent (el()).
import { el, showState } from "./common.js";
import { createBin, followBin, renderCapture, renderSummary, insertNewestFirst, problemText } from "./capture-view.js";

const POLL_MS = 500;
const urlInput = document.getElementById("url");
const typeSelect = document.getElementById("event-type");
const sendError = document.getElementById("send-error");
const statusBadge = document.getElementById("status");
const attemptsList = document.getElementById("attempts");
const redeliverButton = document.getElementById("redeliver");
const received = document.getElementById("received");

let delivery = null;
let pollTimer = null;
let binSource = null;
let binId = null;
const shown = new Set();

async function useFreshBin() {
  try {
    const bin = await createBin();
    urlInput.value = bin.url;
    follow(bin.id);
  } catch (error) {
    sendError.textContent = `could not create a bin: ${error.message ?? error}`;
  }
}

function follow(id) {
  binSource?.close();
  binId = id;
  shown.clear();
  received.replaceChildren();
  document.getElementById("receiver").hidden = false;
  document.getElementById("open-inspector").href = `inspector.html#bin=${encodeURIComponent(id)}`;
  const add = (item, captureId) => { if (!shown.has(captureId)) { shown.add(captureId); insertNewestFirst(received, item); } };
  binSource = followBin(id, { onCapture: (c) => add(renderCapture(c), c.id), onSummary: (s) => add(renderSummary(s), s.id) });
}

/** The bin id when the URL is one of this server's bins, else null. */
function binOf(url) {
  try {
    const parsed = new URL(url);
    const match = parsed.origin === location.origin && parsed.pathname.match(/^\/hooks\/([A-Za-z0-9_-]+)/);
    return match ? match[1] : null;
  } catch {
    return null;
  }
}

function renderDelivery(d) {
  delivery = d;
  document.getElementById("delivery").hidden = false;
  document.getElementById("delivery-id").textContent = d.id;
  document.getElementById("event-id").textContent = d.eventId;
  document.getElementById("attempt-count").textContent = String(d.attempts);
  document.getElementById("next-attempt").textContent = d.nextAttemptAt ? new Date(d.nextAttemptAt).toLocaleTimeString() : "–";
  document.getElementById("last-error").textContent = d.lastError ?? "";
  showState(statusBadge, d.status === "succeeded" ? "open" : d.status === "pending" ? "connecting" : "error");
  statusBadge.textContent = d.status;
  statusBadge.dataset.status = d.status;
  attemptsList.replaceChildren(...d.attemptLog.map((a) => {
    const ok = a.statusCode >= 200 && a.statusCode < 300;
    const row = el("li", null, { "data-number": String(a.number), "data-status": a.statusCode === null ? "none" : String(a.statusCode), "data-ok": String(ok) });
    row.append(el("code", `#${a.number}`, { class: "feed-id" }), " ",
      el("strong", a.statusCode === null ? "no answer" : `HTTP ${a.statusCode}`, { class: ok ? "ok" : "bad" }), " ",
      el("span", `${new Date(a.startedAt).toLocaleTimeString()} · ${a.durationMs} ms`, { class: "muted" }));
    if (a.error) row.append(" ", el("span", a.error, { class: "bad" }));
    return row;
  }));
  redeliverButton.disabled = d.status === "pending";
}

async function poll() {
  clearTimeout(pollTimer);
  const response = await fetch(`/api/sender/deliveries/${encodeURIComponent(delivery.id)}`);
  if (!response.ok) { sendError.textContent = await problemText(response); return; }
  renderDelivery(await response.json());
  // Keep polling while attempts are still due; a finished delivery changes only on redelivery.
  if (delivery.status === "pending") pollTimer = setTimeout(poll, POLL_MS);
}

typeSelect.addEventListener("change", () => {
  const custom = typeSelect.value === "custom";
  document.getElementById("custom-label").hidden = !custom;
  document.getElementById("custom-type-label").hidden = !custom;
  // Only custom events send what is typed: the samples are made by the server, and the page says so.
  document.getElementById("sample-note").hidden = custom;
  if (!custom) document.getElementById("sample-type").textContent = typeSelect.value;
});

document.getElementById("new-bin").addEventListener("click", useFreshBin);

document.getElementById("send-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  sendError.textContent = "";
  const request = { url: urlInput.value, eventType: typeSelect.value };
  if (typeSelect.value === "custom") {
    request.eventType = document.getElementById("custom-type").value.trim() || "custom.event";
    try { request.payload = JSON.parse(document.getElementById("custom-payload").value); } catch (error) { sendError.textContent = `payload is not JSON: ${error.message}`; return; }
  }
  const target = binOf(urlInput.value);
  if (target && target !== binId) follow(target);
  const response = await fetch("/api/sender/deliveries", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request) });
  if (!response.ok) { sendError.textContent = `refused: ${await problemText(response)}`; return; }
  renderDelivery(await response.json());
  await poll();
});

redeliverButton.addEventListener("click", async () => {
  const response = await fetch(`/api/sender/deliveries/${encodeURIComponent(delivery.id)}/redeliver`, { method: "POST" });
  if (!response.ok) { sendError.textContent = await problemText(response); return; }
  renderDelivery(await response.json());
  await poll();
});

await useFreshBin();
