// Lab 04 solved: the page. Everything received from the network is shown with textContent.
const log = document.getElementById("log");
const home = document.getElementById("home");
const away = document.getElementById("away");

function show(text) {
  const item = document.createElement("li");
  item.textContent = text;
  log.append(item);
}

// TODO 4 solved: why two handlers: onmessage only sees unnamed events; a named event ("event: score") is only
// delivered to a listener for that name. EventSource reconnects by itself when the stream drops.
const source = new EventSource("/events");
source.onmessage = (event) => show(event.data);
source.addEventListener("score", (event) => {
  const score = JSON.parse(event.data);
  home.textContent = String(score.home);
  away.textContent = String(score.away);
});

for (const team of ["home", "away"]) {
  document.getElementById(`goal-${team}`).addEventListener("click", () => fetch(`/goal?team=${team}`, { method: "POST" }));
}
