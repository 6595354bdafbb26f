// Shared by the inspector and sender pages: bins API calls and the rendering of a captured request.
// Everything captured comes from an arbitrary sender, so it is only ever placed with textContent (el()).
import { el } from "./common.js";

/** POST /api/bins; returns the bin ({ id, url, eventsUrl, ... }) or throws with the server's reason. */
export async function createBin(secrets = null) {
  const init = { method: "POST" };
  if (secrets) { init.headers = { "Content-Type": "application/json" }; init.body = JSON.stringify(secrets); }
  const response = await fetch("/api/bins", init);
  if (!response.ok) throw new Error(await problemText(response));
  return response.json();
}

/** GET /api/bins/{id}, or null when the bin does not exist (any more). */
export async function getBin(id) {
  const response = await fetch(`/api/bins/${encodeURIComponent(id)}`);
  return response.ok ? response.json() : null;
}

/** The `detail (reason)` of a problem+json answer, or the status line. */
export async function problemText(response) {
  try {
    const problem = await response.json();
    return `${response.status} ${problem.reason ?? ""}: ${problem.detail ?? problem.title ?? ""}`;
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

/** One badge per signature verdict: "standard: valid", "github: bad-signature", ... */
export function renderVerdicts(verdicts) {
  const box = el("span", null, { class: "verdicts" });
  if (!verdicts || verdicts.length === 0) box.append(el("span", "unsigned", { class: "verdict", "data-valid": "none" }));
  for (const v of verdicts ?? []) {
    const badge = el("span", `${v.scheme}: ${v.reason}`, { class: "verdict", "data-scheme": v.scheme, "data-valid": String(v.valid) });
    badge.title = `${v.detail} (${v.secret} secret)`;
    box.append(badge, " ");
  }
  return box;
}

/** A full capture: summary line, verdicts, headers, raw body; `actions` (optional) is appended below. */
export function renderCapture(capture, actions = null) {
  const item = el("li", null, { class: "capture", "data-id": String(capture.id) });
  const head = el("div", null, { class: "capture-head" });
  head.append(
    el("code", `#${capture.id}`, { class: "feed-id" }), " ",
    el("strong", capture.method, { class: "capture-method" }), " ",
    el("code", capture.path, { class: "capture-path" }), " ",
    renderVerdicts(capture.verdicts), " ",
    el("span", `${capture.bodyBytes} B · ${new Date(capture.receivedAt).toLocaleTimeString()} · from ${capture.remoteAddress ?? "?"}`, { class: "muted" }));
  item.append(head);

  const details = el("details", null, { class: "capture-details" });
  details.open = true;
  details.append(el("summary", `Headers (${capture.headers.length})`));
  const table = el("table", null, { class: "capture-headers" });
  for (const h of capture.headers) {
    const row = el("tr");
    row.append(el("th", h.name), el("td", h.value));
    table.append(row);
  }
  details.append(table);
  item.append(details);

  const label = capture.bodyEncoding === "base64" ? "Body (binary, base64)" : "Body";
  item.append(el("div", label, { class: "muted" }), el("pre", capture.body || "(empty)", { class: "capture-body" }));
  for (const v of capture.verdicts ?? []) item.append(el("div", `${v.scheme}: ${v.detail} (${v.secret} secret)`, { class: "verdict-detail", "data-valid": String(v.valid) }));
  if (actions) item.append(actions);
  return item;
}

/** A row for a capture the bin no longer holds (only its pushed summary is known). */
export function renderSummary(summary) {
  const item = el("li", null, { class: "capture", "data-id": String(summary.id) });
  item.append(el("code", `#${summary.id}`, { class: "feed-id" }), " ", el("strong", summary.method), " ", el("code", summary.path), " ",
    renderVerdicts(summary.verdicts), " ", el("span", "(no longer held by the bin)", { class: "muted" }));
  return item;
}

/** Inserts `item` into `list` keeping the newest (highest data-id) first. */
export function insertNewestFirst(list, item) {
  const id = Number(item.dataset.id);
  const after = [...list.children].find((child) => Number(child.dataset.id) < id);
  list.insertBefore(item, after ?? null);
}

/**
 * Follows a bin's captures live: every `request` event is fetched in full and handed to `onCapture`
 * (or `onSummary` when the bin already dropped it). Returns the EventSource.
 */
export function followBin(binId, { onCapture, onSummary, onState }) {
  const source = new EventSource(`/api/bins/${encodeURIComponent(binId)}/events`);
  source.onopen = () => onState?.("open");
  source.onerror = () => onState?.(source.readyState === EventSource.CONNECTING ? "reconnecting" : "closed");
  source.addEventListener("request", async (event) => {
    const summary = JSON.parse(event.data);
    const response = await fetch(`/api/bins/${encodeURIComponent(binId)}/requests/${summary.id}`);
    if (response.ok) onCapture(await response.json());
    else onSummary?.(summary);
  });
  return source;
}
