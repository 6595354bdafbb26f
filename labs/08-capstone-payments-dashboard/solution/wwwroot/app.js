// Lab 08 solved: the dashboard (SSE) and the operators' chat (WebSocket).
// TODO 5 solved: why textContent everywhere: descriptions and chat lines come from the network (a payment's
// description is whatever the customer typed); innerHTML would run <img onerror=...> in an operator's browser.
const payments = document.getElementById("payments");
const chat = document.getElementById("chat");
const totals = { captured: 0, count: 0, failed: 0 };

function line(list, text, className) {
  const item = document.createElement("li");
  item.textContent = text;
  if (className) item.className = className;
  list.prepend(item);
}

const money = (amount) => (amount / 100).toFixed(2);
const describe = (p) => `${p.status} ${p.id} ${money(p.amount)} ${p.currency}: ${p.description}`;

// The dashboard. EventSource reconnects by itself and sends Last-Event-ID, so no payment is counted twice or lost.
const feed = new EventSource("/events");
feed.onopen = () => { document.getElementById("feed-state").textContent = "live"; };
feed.onerror = () => { document.getElementById("feed-state").textContent = "reconnecting"; };
feed.addEventListener("payment", (event) => {
  const p = JSON.parse(event.data);
  if (p.status === "captured") { totals.captured += p.amount; totals.count++; } else { totals.failed++; }
  document.getElementById("total").textContent = money(totals.captured);
  document.getElementById("captured-count").textContent = String(totals.count);
  document.getElementById("failed-count").textContent = String(totals.failed);
  line(payments, describe(p), p.status === "failed" ? "failed" : "");
});

// The operators' chat, reconnecting with a doubling delay (capped) when the socket goes away.
let socket;
let attempt = 0;
function connect() {
  const name = document.getElementById("name").value || "operator";
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/ops?name=${encodeURIComponent(name)}`;
  socket = new WebSocket(url);
  socket.onopen = () => { attempt = 0; document.getElementById("ops-state").textContent = "online"; };
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === "payment") line(chat, `💳 ${describe(message.payment)}`);
    else if (message.type === "message") line(chat, `${message.name}: ${message.text}`);
  };
  socket.onclose = () => {
    document.getElementById("ops-state").textContent = "offline";
    const delay = Math.min(5000, 250 * 2 ** attempt++) * (0.5 + Math.random() / 2);
    setTimeout(connect, delay);
  };
}
connect();

document.getElementById("chat-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = document.getElementById("message");
  if (socket.readyState === WebSocket.OPEN && input.value) socket.send(input.value);
  input.value = "";
});
