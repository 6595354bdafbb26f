// Lab 06 solved: the page. Everything received from the network is shown with textContent.
const list = document.getElementById("events");
const state = document.getElementById("state");
const shown = new Set();

// Polling is enough here: a webhook is an event in the server's life, not a stream to the browser (lab 08 pushes
// them over SSE). Twice a second feels live.
async function poll() {
  try {
    const response = await fetch("/api/events", { cache: "no-store" });
    const events = await response.json();
    // TODO 4 solved: why textContent: the summary is whatever the sender put in the body (a commit message can
    // be "<img src=x onerror=...>"); as HTML it would run in your page. Why the Set: each event is shown once.
    for (const e of events.slice().reverse()) {
      const key = `${e.source}:${e.eventId}`;
      if (shown.has(key)) continue;
      shown.add(key);
      const item = document.createElement("li");
      item.textContent = `${e.source} ${e.type} ${e.eventId}: ${e.summary}`;
      list.prepend(item);
    }
    state.textContent = `${shown.size} event(s)`;
  } catch (error) {
    state.textContent = `cannot reach the server (${error.message})`;
  } finally {
    setTimeout(poll, 500);
  }
}
poll();
