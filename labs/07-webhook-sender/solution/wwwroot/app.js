// Lab 07 solved: the page. Everything received from the network is shown with textContent.
const timeline = document.getElementById("timeline");
const message = document.getElementById("message");

function describe(attempt) {
  const outcome = attempt.statusCode ?? attempt.error ?? "?";
  const next = attempt.nextDelayMs == null ? "" : ` · next try in ${Math.round(attempt.nextDelayMs)} ms`;
  return `#${attempt.number} ${new Date(attempt.at).toLocaleTimeString()} → ${outcome}${next}`;
}

// TODO 4 solved: why redraw from the server's state: the outbox is the truth (it survives restarts); the page only
// shows it. Why textContent: the URL, the error and the type come from users and receivers.
function render(events) {
  const items = events.map((e) => {
    const item = document.createElement("li");
    const title = document.createElement("strong");
    title.textContent = `${e.id} ${e.type} → ${e.url}: ${e.status}`;
    const attempts = document.createElement("ol");
    for (const attempt of e.attempts) {
      const line = document.createElement("li");
      line.textContent = describe(attempt);
      attempts.append(line);
    }
    item.append(title, attempts);
    return item;
  });
  timeline.replaceChildren(...items);
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
