// Lab 08: the page. The dashboard listens to /events (SSE), the operators' chat talks on /ws/ops (WebSocket).
// Everything received from the network is shown with textContent, never innerHTML: a payment's description is
// whatever a customer typed.
const payments = document.getElementById("payments");
const chat = document.getElementById("chat");
const totals = { captured: 0, count: 0, failed: 0 };

function line(list, text) {
  const item = document.createElement("li");
  item.textContent = text;
  list.prepend(item);
}

const money = (amount) => (amount / 100).toFixed(2);
const describe = (p) => `${p.status} ${p.id} ${money(p.amount)} ${p.currency}: ${p.description}`;

// TODO 5 (page, dashboard): open new EventSource("/events"); on each "payment" event (a named event: use
//        addEventListener, not onmessage) parse the JSON, add captured amounts to totals, show money(total) in
//        #total, the counts in #captured-count / #failed-count, and line(payments, describe(p)).

// TODO 5 (page, chat): open a WebSocket to /ws/ops?name=<#name's value>; in onopen set #ops-state to "online";
//        in onmessage show {"type":"payment"} as line(chat, describe(message.payment)) and {"type":"message"} as
//        line(chat, `${message.name}: ${message.text}`); send #message's text when the form is submitted.
document.getElementById("chat-form").addEventListener("submit", (event) => event.preventDefault());
