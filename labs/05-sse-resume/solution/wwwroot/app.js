// Lab 05 solved: the page. Everything received from the network is shown with textContent.
const state = document.getElementById("state");
const news = document.getElementById("news");

const source = new EventSource("/events");
source.onopen = () => { state.textContent = "open"; };
// EventSource reconnects by itself after an error, sending Last-Event-ID: the server does the replay.
source.onerror = () => { state.textContent = source.readyState === EventSource.CLOSED ? "closed" : "reconnecting"; };

// TODO 5 solved: why addEventListener: "event: news" is a named event; onmessage only gets unnamed ones.
// Nothing else is needed to lose nothing: the browser resends the last id, the server replays what followed.
source.addEventListener("news", (event) => {
  const item = document.createElement("li");
  item.textContent = event.data;
  news.append(item);
});

document.getElementById("form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = document.getElementById("text");
  fetch(`/publish?text=${encodeURIComponent(input.value)}`, { method: "POST" });
  input.value = "";
});
document.getElementById("drop").addEventListener("click", () => fetch("/admin/drop", { method: "POST" }));
