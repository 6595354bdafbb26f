// Lab 06: the page. Everything received from the network is shown with textContent.
const list = document.getElementById("events");
const state = document.getElementById("state");
const shown = new Set();

// Polling is enough here: a webhook is an event in the server's life, not a stream to the browser (lab 08 pushes
// them over SSE). Twice a second feels live.
async function poll() {
  try {
    const response = await fetch("/api/events", { cache: "no-store" });
    const events = await response.json();
    // TODO 4 (page): for each event not shown yet (key source:eventId, remember it in `shown`), prepend an <li> to
    //        #events whose textContent is `${e.source} ${e.type} ${e.eventId}: ${e.summary}`. textContent, never
    //        innerHTML: the summary is whatever the sender wrote (a commit message can be HTML).
    state.textContent = `${shown.size} event(s)`;
  } catch (error) {
    state.textContent = `cannot reach the server (${error.message})`;
  } finally {
    setTimeout(poll, 500);
  }
}
poll();
