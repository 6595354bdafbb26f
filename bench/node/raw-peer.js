// A trivial raw server on Node's `net` module: the practical limit of the load generator and loopback.
// It does the least each job needs and nothing else (no signature check, no queues, no logging):
//   WebSocket /ws/echo (Welcome!, then echo), /ws/broadcast (every message to every client),
//   GET /events (SSE stream, body delimited by connection close), POST /events/publish (body to every stream),
//   any other POST: "200 OK" after reading the body; GET /count: how many such POSTs it answered (a webhook sink).
"use strict";
const crypto = require("crypto");
const net = require("net");

const port = Number(process.env.PORT || 3000);
const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const broadcastClients = new Set();
let posts = 0;
const streams = new Set();
const OK = Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK");
const ACCEPTED = Buffer.from("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
const SSE_HEAD = Buffer.from("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\ndata: Hello from server\n\n");

function frame(opcode, payload) {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len])
    : len < 65536 ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 255])
    : (() => { const h = Buffer.alloc(10); h[0] = 0x80 | opcode; h[1] = 127; h.writeBigUInt64BE(BigInt(len), 2); return h; })();
  return Buffer.concat([head, payload]);
}

function parseHead(text) {
  const lines = text.split("\r\n");
  const [method, path] = lines[0].split(" ");
  const headers = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { method, path, headers };
}

// Returns the number of bytes consumed, or 0 when a whole frame is not there yet.
function onFrame(socket, buf, off, mode) {
  if (buf.length - off < 2) return 0;
  const opcode = buf[off] & 15;
  let len = buf[off + 1] & 127, pos = off + 2;
  if (len === 126) { if (buf.length - pos < 2) return 0; len = buf.readUInt16BE(pos); pos += 2; }
  else if (len === 127) { if (buf.length - pos < 8) return 0; len = Number(buf.readBigUInt64BE(pos)); pos += 8; }
  const masked = (buf[off + 1] & 128) !== 0;
  const maskAt = pos;
  if (masked) pos += 4;
  if (buf.length - pos < len) return 0;
  const payload = Buffer.from(buf.subarray(pos, pos + len));
  if (masked) for (let i = 0; i < len; i++) payload[i] ^= buf[maskAt + (i & 3)];
  if (opcode === 8) { socket.end(frame(8, payload.subarray(0, 2))); }
  else if (opcode === 9) { socket.write(frame(10, payload)); }
  else if (opcode === 1 || opcode === 2) {
    if (mode === "broadcast") { const out = frame(opcode, payload); for (const c of broadcastClients) c.write(out); }
    else socket.write(frame(opcode, payload));
  }
  return pos + len - off;
}

net.createServer((socket) => {
  socket.setNoDelay(true);
  let buf = Buffer.alloc(0), mode = "http";
  socket.on("error", () => {});
  socket.on("close", () => { broadcastClients.delete(socket); streams.delete(socket); });
  socket.on("data", (chunk) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    let off = 0;
    for (;;) {
      if (mode === "echo" || mode === "broadcast") {
        const used = onFrame(socket, buf, off, mode);
        if (!used) break;
        off += used;
        continue;
      }
      if (mode === "sse") { off = buf.length; break; }
      const end = buf.indexOf("\r\n\r\n", off);
      if (end < 0) break;
      const req = parseHead(buf.toString("latin1", off, end));
      const bodyLen = Number(req.headers["content-length"] || 0);
      if (buf.length < end + 4 + bodyLen) break;
      const body = buf.subarray(end + 4, end + 4 + bodyLen);
      off = end + 4 + bodyLen;
      if ((req.headers.upgrade || "").toLowerCase() === "websocket") {
        const accept = crypto.createHash("sha1").update(req.headers["sec-websocket-key"] + GUID).digest("base64");
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
        if (req.path === "/ws/broadcast") { mode = "broadcast"; broadcastClients.add(socket); }
        else { mode = "echo"; socket.write(frame(1, Buffer.from("Welcome!"))); }
      } else if (req.method === "GET" && req.path.startsWith("/events")) {
        mode = "sse"; streams.add(socket); socket.write(SSE_HEAD);
      } else if (req.method === "POST" && req.path === "/events/publish") {
        const event = Buffer.concat([Buffer.from("data: "), body, Buffer.from("\n\n")]);
        for (const s of streams) s.write(event);
        socket.write(ACCEPTED);
      } else if (req.method === "GET" && req.path === "/count") {
        const text = String(posts);
        socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
      } else {
        posts++;
        socket.write(OK);
      }
    }
    buf = off >= buf.length ? Buffer.alloc(0) : buf.subarray(off);
  });
}).listen(port, "127.0.0.1", function () { console.log(`raw peer listening on ${this.address().port}`); });
