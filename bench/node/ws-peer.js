// The brief's Node.js WebSocket server (`ws` library), extended just enough for the benchmark:
//   /ws/echo       sends "Welcome!" on connect (the brief's line), then echoes each message;
//   /ws/broadcast  every message received is sent to every client connected to /ws/broadcast.
// Nothing is logged per message (the .NET side runs with request logging at Warning).
"use strict";
const WebSocket = require("ws");

const port = Number(process.env.PORT || 3000);
const server = new WebSocket.Server({ host: "127.0.0.1", port });
const broadcastClients = new Set();

server.on("connection", (socket, req) => {
  if (req.url === "/ws/broadcast") {
    broadcastClients.add(socket);
    socket.on("close", () => broadcastClients.delete(socket));
    socket.on("message", (data, isBinary) => {
      for (const client of broadcastClients) {
        if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
      }
    });
    return;
  }
  socket.send("Welcome!");
  socket.on("message", (data, isBinary) => socket.send(data, { binary: isBinary }));
});

server.on("listening", () => console.log(`ws peer listening on ${server.address().port}`));
