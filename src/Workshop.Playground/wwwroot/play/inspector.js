// The webhook inspector page: create or open a bin, show its URL and signed curl commands, and show every
// captured request live (EventSource on /api/bins/{bin}/events). Captured data is shown with textContent only.
import { el, showState } from "./common.js";
import { createBin, getBin, followBin, renderCapture, renderSummary, insertNewestFirst, problemText } from "./capture-view.js";
import { curlCommand } from "./curl.js";

const binSection = document.getElementById("bin");
const list = document.getElementById("requests");
const badge = document.getElementById("state");
const countOut = document.getElementById("count");
const binError = document.getElementById("bin-error");
const curlOut = document.getElementById("curl");
const curlScheme = document.getElementById("curl-scheme");

let bin = null;
let source = null;
let secrets = null;
const shown = new Set();

function redeliverForm(capture) {
  const form = el("form", null, { class: "row redeliver" });
  const url = el("input", null, { type: "url", size: "40", placeholder: "https://example.com/webhook or another bin URL", required: "" });
  url.value = bin.url;
  const result = el("span", "", { class: "redeliver-result muted" });
  form.append(el("label", "Redeliver to "), url, el("button", "Redeliver", { type: "submit" }), result);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    result.textContent = "sending…";
    const response = await fetch(`/api/bins/${bin.id}/requests/${capture.id}/redeliver`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ url: url.value }),
    });
    if (!response.ok) { result.textContent = `refused: ${await problemText(response)}`; result.dataset.valid = "false"; return; }
    const outcome = await response.json();
    result.textContent = `answered ${outcome.statusCode} in ${outcome.durationMs} ms`;
    result.dataset.valid = String(outcome.statusCode >= 200 && outcome.statusCode < 300);
  });
  return form;
}

function show(item, id) {
  if (shown.has(id)) return;
  shown.add(id);
  insertNewestFirst(list, item);
  countOut.textContent = String(shown.size);
}

function renderCurl() {
  if (!bin) return;
  curlOut.textContent = curlCommand(curlScheme.value, bin.url, secrets);
}

async function loadSecrets() {
  const note = document.getElementById("secrets-note");
  const dl = document.getElementById("secrets");
  const response = await fetch("/api/webhooks/dev-secrets");
  if (!response.ok) {
    note.textContent = "The reference secrets are only shown in Development; fill in your own below the command.";
    return;
  }
  secrets = await response.json();
  note.textContent = "Development secrets (public on purpose; never use them elsewhere). Requests signed with them verify as valid.";
  for (const [name, value] of [["Standard Webhooks", secrets.standard], ["GitHub", secrets.github], ["Razorpay", secrets.razorpay]]) {
    dl.append(el("dt", name), el("dd", null));
    dl.lastElementChild.append(el("code", value));
  }
}

async function open(found) {
  bin = found;
  source?.close();
  shown.clear();
  list.replaceChildren();
  countOut.textContent = "0";
  binError.textContent = "";
  history.replaceState(null, "", `#bin=${encodeURIComponent(bin.id)}`);
  document.getElementById("bin-url").textContent = bin.url;
  document.getElementById("max-captures").textContent = String(bin.maxCaptures);
  document.getElementById("own-secrets").textContent = bin.ownSecrets.length ? bin.ownSecrets.join(", ") : "none (reference secrets)";
  binSection.hidden = false;
  renderCurl();
  showState(badge, "connecting");
  // Follow first, then load what is already there: a capture arriving in between is shown once (by id).
  source = followBin(bin.id, {
    onCapture: (capture) => show(renderCapture(capture, redeliverForm(capture)), capture.id),
    onSummary: (summary) => show(renderSummary(summary), summary.id),
    onState: (state) => showState(badge, state),
  });
  const response = await fetch(`/api/bins/${encodeURIComponent(bin.id)}/requests`);
  if (response.ok) for (const capture of await response.json()) show(renderCapture(capture, redeliverForm(capture)), capture.id);
}

document.getElementById("create").addEventListener("click", async () => {
  const own = {
    standardSecret: document.getElementById("own-standard").value.trim() || null,
    gitHubSecret: document.getElementById("own-github").value || null,
    razorpaySecret: document.getElementById("own-razorpay").value || null,
  };
  try {
    await open(await createBin(Object.values(own).some((v) => v) ? own : null));
  } catch (error) {
    binError.textContent = String(error.message ?? error);
  }
});

document.getElementById("open").addEventListener("click", async () => {
  const id = document.getElementById("open-id").value.trim();
  const found = id ? await getBin(id) : null;
  if (found) await open(found); else binError.textContent = "No such bin (it may have expired).";
});

document.getElementById("copy-url").addEventListener("click", () => navigator.clipboard?.writeText(bin.url));
document.getElementById("copy-curl").addEventListener("click", () => navigator.clipboard?.writeText(curlOut.textContent));
curlScheme.addEventListener("change", renderCurl);
document.getElementById("send-test").addEventListener("click", async () => {
  const out = document.getElementById("send-test-result");
  const response = await fetch("/api/sender/deliveries", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ url: bin.url, eventType: "payment.captured" }),
  });
  out.textContent = response.ok ? `queued delivery ${(await response.json()).id}` : `refused: ${await problemText(response)}`;
});

await loadSecrets();
const fromHash = new URLSearchParams(location.hash.slice(1)).get("bin");
const existing = fromHash ? await getBin(fromHash) : null;
if (existing) await open(existing);
else if (fromHash) binError.textContent = "That bin no longer exists; create a new one.";
