// The brief's Express examples, extended just enough for the benchmark:
//   GET  /events           the brief's SSE stream ("data: Hello from server"), kept open for a live feed;
//   POST /events/publish   sends the request body (text) as one SSE event to every open stream;
//   POST /webhooks/github  the brief's webhook receiver plus an HMAC-SHA256 check of the raw body against
//                          X-Hub-Signature-256 ("sha256=<hex>"), compared in constant time.
// The brief's console.log per webhook is left out, as the .NET side logs requests at Warning only.
"use strict";
const crypto = require("crypto");
const express = require("express");

const port = Number(process.env.PORT || 3000);
const secret = process.env.WEBHOOK_SECRET || "bench-secret";
const app = express();
const streams = new Set();

app.get("/events", (req, res) => {
  res.setHeader("Content-Type", "text/event-stream");
  res.setHeader("Cache-Control", "no-cache");
  res.write("data: Hello from server\n\n");
  streams.add(res);
  req.on("close", () => streams.delete(res));
});

app.post("/events/publish", express.text({ type: "*/*" }), (req, res) => {
  const frame = `data: ${req.body}\n\n`;
  for (const stream of streams) stream.write(frame);
  res.status(202).end();
});

function signatureMatches(raw, header) {
  if (typeof header !== "string" || !header.startsWith("sha256=")) return false;
  const expected = crypto.createHmac("sha256", secret).update(raw).digest();
  const given = Buffer.from(header.slice(7), "hex");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

app.post(["/webhook", "/webhooks/github"], express.raw({ type: "*/*", limit: "1mb" }), (req, res) => {
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (!signatureMatches(raw, req.get("X-Hub-Signature-256"))) {
    res.status(401).send("bad signature");
    return;
  }
  res.status(200).send("OK");
});

const server = app.listen(port, "127.0.0.1", () => console.log(`express peer listening on ${server.address().port}`));
