import { createServer } from "node:http";
import { recordedFrames } from "./recorded-session.js";

// A separate process that serves a recorded session over SSE, three ways, chosen by the
// session id in the path: `chunks` (64 KB writes), `events` (one write per event) and `cycle`
// (one write per event, and a graceful `disconnecting` every 1,000 events; resumes with
// since_id). Prints its port on the first line of stdout.

const count = Number(process.argv[2] ?? 100_000);
const frames = recordedFrames(count, "session_bench");
const bytes = frames.map((frame) => Buffer.from(frame));
const ids = frames.map((frame) => /\nid: (\S+)/.exec(frame)?.[1] ?? "");
const CONNECTED = Buffer.from('event: connected\ndata: {"status":"connected"}\n\n');
const DISCONNECTING = Buffer.from(
  'event: disconnecting\ndata: {"reason":"connection_cycle","retry_ms":0}\n\n',
);
const all = Buffer.concat(bytes);

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const mode = url.pathname.split("/")[3];
  const since = url.searchParams.get("since_id");
  const start = since ? ids.indexOf(since) + 1 : 0;
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  res.write(CONNECTED);
  if (mode === "chunks") {
    const from = bytes.slice(0, start).reduce((n, b) => n + b.length, 0);
    let offset = from;
    const pump = () => {
      while (offset < all.length) {
        const chunk = all.subarray(offset, offset + 64 * 1024);
        offset += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    pump();
    return;
  }
  let n = start;
  const pump = () => {
    while (n < bytes.length) {
      const frame = bytes[n] as Buffer;
      n++;
      const more = res.write(frame);
      if (mode === "cycle" && n % 1_000 === 0 && n < bytes.length) {
        res.end(DISCONNECTING);
        return;
      }
      if (!more) return void res.once("drain", pump);
    }
    res.end();
  };
  pump();
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${typeof address === "object" && address ? address.port : 0}\n`);
});
process.on("SIGTERM", () => process.exit(0));
