// Lab 04: the page. Everything received from the network is shown with textContent.
const log = document.getElementById("log");
const home = document.getElementById("home");
const away = document.getElementById("away");

function show(text) {
  const item = document.createElement("li");
  item.textContent = text;
  log.append(item);
}

// TODO 4 (page): like the brief: const source = new EventSource("/events");
//        source.onmessage -> show(event.data)              (the unnamed "Hello from server")
//        source.addEventListener("score", ...) -> JSON.parse(event.data), put .home and .away into #home and #away.

for (const team of ["home", "away"]) {
  document.getElementById(`goal-${team}`).addEventListener("click", () => fetch(`/goal?team=${team}`, { method: "POST" }));
}
