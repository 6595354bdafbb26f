// Lab 05: the page. Everything received from the network is shown with textContent.
const state = document.getElementById("state");
const news = document.getElementById("news");

const source = new EventSource("/events");
source.onopen = () => { state.textContent = "open"; };
// EventSource reconnects by itself after an error, sending Last-Event-ID: the server does the replay.
source.onerror = () => { state.textContent = source.readyState === EventSource.CLOSED ? "closed" : "reconnecting"; };

// TODO 5 (page): listen for "news" events (addEventListener, not onmessage: they are named) and append an <li>
//        with textContent = event.data to #news.

document.getElementById("form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = document.getElementById("text");
  fetch(`/publish?text=${encodeURIComponent(input.value)}`, { method: "POST" });
  input.value = "";
});
document.getElementById("drop").addEventListener("click", () => fetch("/admin/drop", { method: "POST" }));
