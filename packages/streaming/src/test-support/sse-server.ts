import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { SessionEvent } from "@everruns/core";

/** SSE frame text of a session event, as the API writes it. */
export function eventFrame(event: SessionEvent, retryMs = 100): string {
  return `event: ${event.type}\nid: ${event.id}\nretry: ${retryMs}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The `connected` frame that opens every connection. */
export const CONNECTED_FRAME = 'event: connected\ndata: {"status":"connected"}\n\n';

/** A `disconnecting` frame; `data` is written as given (an object becomes JSON). */
export function disconnectingFrame(
  data: unknown = { reason: "connection_cycle", retry_ms: 100 },
): string {
  return `event: disconnecting\ndata: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}

/** A heartbeat comment. */
export const HEARTBEAT = ": heartbeat\n\n";

/** A request as the test server saw it. */
export interface SeenRequest {
  method: string;
  /** Path and query exactly as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
  /** Which TCP connection carried it (1 = first socket the server accepted). */
  socketNumber: number;
}

/** What a script can do with one request. */
export interface Exchange {
  request: SeenRequest;
  res: ServerResponse;
  /** `since_id` of the request, if any. */
  sinceId: string | undefined;
  /** Sends the 200 `text/event-stream` headers. */
  open(): void;
  /** Writes raw text (frames, half frames, comments) in one write. */
  write(text: string): void;
  /** Ends the response gracefully (the socket may be reused). */
  end(): void;
  /** Destroys the socket at once: a network failure as the client sees it. */
  cut(): void;
  /** Answers with a problem+json error. */
  fail(status: number, title?: string): void;
  /** Resolves when the client closed the request or the socket. */
  readonly closed: Promise<void>;
}

/** Answers one request. */
export type Script = (exchange: Exchange) => void | Promise<void>;

/** A real HTTP server on 127.0.0.1:<ephemeral> that plays SSE scripts and counts connections. */
export interface SseTestServer {
  url: string;
  requests: SeenRequest[];
  /** TCP connections accepted so far. */
  readonly socketsOpened: number;
  /** TCP connections currently open. */
  readonly socketsOpen: number;
  /** Scripts used in order, one per request; the last one repeats. */
  play(...scripts: Script[]): void;
  close(): Promise<void>;
}

/** Starts an {@link SseTestServer}; by default every request gets `connected` then silence. */
export async function startSseServer(): Promise<SseTestServer> {
  const requests: SeenRequest[] = [];
  let scripts: Script[] = [
    (x) => {
      x.open();
      x.write(CONNECTED_FRAME);
    },
  ];
  const sockets = new Map<Socket, number>();
  let socketsOpened = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = req.url ?? "/";
    const parsed = new URL(url, "http://127.0.0.1");
    const request: SeenRequest = {
      method: req.method ?? "GET",
      url,
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
      socketNumber: sockets.get(req.socket) ?? 0,
    };
    requests.push(request);
    const closed = new Promise<void>((resolve) => {
      res.on("close", () => resolve());
    });
    const exchange: Exchange = {
      request,
      res,
      sinceId: parsed.searchParams.get("since_id") ?? undefined,
      open() {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        res.flushHeaders();
      },
      write(text) {
        if (!res.destroyed) res.write(text);
      },
      end() {
        if (!res.destroyed) res.end();
      },
      cut() {
        req.socket.destroy();
      },
      fail(status, title = "Refused") {
        res.writeHead(status, { "content-type": "application/problem+json" });
        res.end(JSON.stringify({ title, status }));
      },
      closed,
    };
    const script = scripts.length > 1 ? (scripts.shift() as Script) : (scripts[0] as Script);
    await script(exchange);
  });
  server.on("connection", (socket) => {
    socketsOpened++;
    sockets.set(socket, socketsOpened);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get socketsOpened() {
      return socketsOpened;
    },
    get socketsOpen() {
      return sockets.size;
    },
    play(...next) {
      scripts = next;
    },
    close() {
      for (const socket of sockets.keys()) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A script that opens the stream, writes `text` in one write, and leaves it open. */
export function sends(text: string): Script {
  return (x) => {
    x.open();
    x.write(text);
  };
}

/** A script that opens the stream, writes `text` in one write, and ends the response. */
export function sendsAndEnds(text: string): Script {
  return (x) => {
    x.open();
    x.write(text);
    x.end();
  };
}

/** A script that answers with a JSON body. */
export function json(status: number, body: unknown): Script {
  return (x) => {
    x.res.writeHead(status, { "content-type": "application/json" });
    x.res.end(JSON.stringify(body));
  };
}
