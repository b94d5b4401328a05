import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A request as the server saw it on the wire. */
export interface RecordedRequest {
  method: string;
  /** Path and query, exactly as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
}

/** Answers one request; may write anything, or destroy the socket. */
export type Handler = (request: RecordedRequest, res: ServerResponse) => void | Promise<void>;

/** A real HTTP server on 127.0.0.1:<ephemeral> that records every request. */
export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  /** Handlers used in order, one per request; the last one repeats. */
  respondWith(...handlers: Handler[]): void;
  close(): Promise<void>;
}

/** Starts a {@link RecordingServer}. Default answer: `200 {}`. */
export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let handlers: Handler[] = [json(200, {})];
  const sockets = new Set<Socket>();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = req.url ?? "/";
    const parsed = new URL(url, "http://localhost");
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      url,
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(recorded);
    const handler = handlers.length > 1 ? (handlers.shift() as Handler) : (handlers[0] as Handler);
    await handler(recorded, res);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith(...next) {
      handlers = next;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers with a JSON body. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
}

/** Answers with a problem+json body. */
export function problem(
  status: number,
  fields: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Handler {
  return (_req, res) => {
    res.writeHead(status, { "content-type": "application/problem+json", ...headers });
    res.end(JSON.stringify({ title: "Problem", status, ...fields }));
  };
}

/** Answers with a raw body of any content type. */
export function text(status: number, body: string, contentType = "text/plain"): Handler {
  return (_req, res) => {
    res.writeHead(status, { "content-type": contentType });
    res.end(body);
  };
}

/** Cuts the connection without answering. */
export const dropConnection: Handler = (_req, res) => {
  res.socket?.destroy();
};

/** Never answers (until the server closes). */
export const stall: Handler = () => {};
