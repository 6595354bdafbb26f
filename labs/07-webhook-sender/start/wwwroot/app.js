// Lab 07: the page. Everything received from the network is shown with textContent.
const timeline = document.getElementById("timeline");
const message = document.getElementById("message");

function describe(attempt) {
  const outcome = attempt.statusCode ?? attempt.error ?? "?";
  const next = attempt.nextDelayMs == null ? "" : ` · next try in ${Math.round(attempt.nextDelayMs)} ms`;
  return `#${attempt.number} ${new Date(attempt.at).toLocaleTimeString()} → ${outcome}${next}`;
}

// TODO 4 (page): show the outbox as a timeline. For each event (newest first) an <li> with
//        `${e.id} ${e.type} → ${e.url}: ${e.status}` and, inside it, an <ol> with one <li> per attempt, its text from
//        describe(attempt). Build the elements with textContent and put them in #timeline (timeline.replaceChildren).
function render(events) {
}

async function poll() {
  try {
    const response = await fetch("/api/events", { cache: "no-store" });
    render(await response.json());
  } catch (error) {
    message.textContent = `cannot reach the sender (${error.message})`;
  } finally {
    setTimeout(poll, 500);
  }
}

document.getElementById("form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = { url: document.getElementById("url").value, type: document.getElementById("type").value, data: { amount: 100, currency: "INR" } };
  const response = await fetch("/api/events", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const answer = await response.json();
  message.textContent = response.ok ? `queued ${answer.id}` : `refused: ${answer.detail}`;
});
poll();
