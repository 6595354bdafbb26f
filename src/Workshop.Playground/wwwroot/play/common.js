// Shared helpers of the playground pages. Everything received from the network is shown with textContent,
// never innerHTML, so a payload containing <script> stays inert text.

/** Creates an element with text content (never parsed as HTML). */
export function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** Shows a connection state on a badge element: connecting, open, reconnecting, closed, error. */
export function showState(badge, state, detail = "") {
  badge.dataset.state = state;
  badge.textContent = detail ? `${state} (${detail})` : state;
}

/** Exponential backoff with full jitter: attempt 0 → up to 0.5 s, capped at 15 s. */
export function backoffDelay(attempt, baseMs = 500, capMs = 15000) {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + Math.random() * ceiling / 2);
}

/** ws:// or wss:// URL for a path on this origin. */
export function wsUrl(path) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${path}`;
}
