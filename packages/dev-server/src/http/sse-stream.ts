import type { HttpBindings } from "@hono/node-server";
import type { Context } from "hono";
import type { EventBus, PublishedEvent } from "../engine/event-bus.js";
import type { EventsRepo } from "../store/events-repo.js";

/** `retry:` hint while the session runs a turn. */
export const RETRY_ACTIVE_MS = 100;
/** `retry:` hint while the session is idle. */
export const RETRY_IDLE_MS = 500;
/** Events read from the database per replay step (replay stops early once the queue is full). */
const REPLAY_PAGE = 64;
/**
 * Default most bytes one connection may have queued and unread: a client further behind has
 * its socket destroyed (it resumes with `since_id`, losing nothing), so 100 clients that stop
 * reading hold at most about 100 MiB, not gigabytes.
 */
export const DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;
/**
 * After the server ends a stream (connection cycle, session deleted), how long the client has
 * to read what is still queued before its socket is destroyed.
 */
const CLOSE_GRACE_MS = 10_000;
/** Bytes the stream buffers ahead of the socket before replay waits for the reader. */
const HIGH_WATER_BYTES = 64 * 1024;

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(": heartbeat\n\n");
const DISCONNECTING = encoder.encode(
  `event: disconnecting\nretry: ${RETRY_ACTIVE_MS}\ndata: {"reason":"connection_cycle","retry_ms":${RETRY_ACTIVE_MS}}\n\n`,
);
// Every subscriber of a session gets the same bytes for a live event: encode each frame once.
const liveFrames = new WeakMap<PublishedEvent, Uint8Array>();

/** What one SSE connection streams. */
export interface SseStreamOptions {
  sessionId: string;
  bus: EventBus;
  events: EventsRepo;
  /** Replay starts after this sequence (0: from the first event). */
  afterSequence: number;
  types: ReadonlySet<string> | undefined;
  exclude: ReadonlySet<string> | undefined;
  isBusy: () => boolean;
  heartbeatMs: number;
  connectionCycleMs: number;
  /** Most bytes queued for this connection before it is dropped. Default {@link DEFAULT_MAX_QUEUED_BYTES}. */
  maxQueuedBytes?: number;
  /** Called once when the connection ends, however it ends (gives back its {@link SseLimits} slot). */
  onEnd?: () => void;
}

/**
 * Answers an SSE request: `connected`, then the stored events after `afterSequence`, then live
 * ones, with `: heartbeat` comments and a `disconnecting` frame before the connection is cycled.
 *
 * No gap and no duplicate between replay and live: the connection subscribes to the bus
 * before it reads the database, buffers live events while replaying, and sends an event only
 * if its sequence is above the last one sent. Replay is pulled page by page as the client
 * reads, so a long session never sits in memory whole.
 */
export function sseResponse(c: Context, options: SseStreamOptions): Response {
  const matches = (type: string) =>
    (!options.types || options.types.has(type)) && !options.exclude?.has(type);
  let lastSequence = options.afterSequence;
  let replaying = true;
  let closed = false;
  let buffered: PublishedEvent[] = [];
  let cleanup = () => {};
  let replayStep = () => {};
  const maxQueued = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    options.onEnd?.();
  };
  // The socket, not only the stream, must go: a closed stream keeps its queued bytes (and the
  // response keeps waiting for the client to drain them) for as long as the client holds on.
  const destroySocket = () => {
    end();
    incoming?.socket.destroy();
  };
  incoming?.socket.once("close", end);

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const finish = () => {
          if (closed) return;
          closed = true;
          cleanup();
          try {
            controller.close();
          } catch {
            // Already closed by the client going away.
          }
          // A client that never reads what is left would hold it forever.
          setTimeout(destroySocket, CLOSE_GRACE_MS).unref();
        };
        // Drops a client that fell behind: the queue is discarded at once and the socket closed.
        // (Destroying the socket cancels the stream, which discards its queue; erroring the
        // stream instead would make the HTTP adapter log an error for an ordinary event.)
        const drop = () => {
          if (closed) return;
          closed = true;
          cleanup();
          if (incoming) destroySocket();
          else controller.error(new Error("SSE client fell behind"));
        };
        const queued = () => HIGH_WATER_BYTES - (controller.desiredSize ?? 0);
        const send = (bytes: Uint8Array) => {
          if (closed) return;
          controller.enqueue(bytes);
          if (queued() > maxQueued) drop();
        };
        const unsubscribe = options.bus.subscribe(options.sessionId, {
          onEvent(event) {
            if (replaying) buffered.push(event);
            else deliver(event);
          },
          onClose: finish,
        });
        const deliver = (event: PublishedEvent) => {
          if (event.sequence <= lastSequence) return;
          lastSequence = event.sequence;
          if (matches(event.type)) send(liveFrame(event));
        };
        const heartbeat = setInterval(() => send(HEARTBEAT), options.heartbeatMs);
        const cycle = setTimeout(() => {
          send(DISCONNECTING);
          finish();
        }, options.connectionCycleMs);
        cleanup = () => {
          clearInterval(heartbeat);
          clearTimeout(cycle);
          unsubscribe();
          buffered = [];
        };
        send(
          encoder.encode(
            `event: connected\nretry: ${retryHint(options.isBusy())}\ndata: {"status":"connected"}\n\n`,
          ),
        );
        // Replay continues in pull(), which the stream calls as the client consumes; when it
        // ends, the events buffered meanwhile are delivered and the connection goes live.
        replayStep = () => {
          const rows = options.events.query({
            sessionId: options.sessionId,
            afterSequence: lastSequence,
            types: options.types ? [...options.types] : undefined,
            exclude: options.exclude ? [...options.exclude] : undefined,
            limit: REPLAY_PAGE,
          });
          const retry = retryHint(options.isBusy());
          for (const row of rows) {
            // Replay is paced by the reader: stop once the queue is full; pull() resumes here.
            if ((controller.desiredSize ?? 0) <= 0 || closed) return;
            controller.enqueue(encoder.encode(frame(row.type, row.id, retry, row.doc)));
            lastSequence = row.sequence;
          }
          if (rows.length < REPLAY_PAGE) {
            replaying = false;
            const pending = buffered;
            buffered = [];
            for (const event of pending) deliver(event);
          }
        };
      },
      pull() {
        if (replaying && !closed) replayStep();
      },
      cancel() {
        closed = true;
        cleanup();
        end();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: HIGH_WATER_BYTES }),
  );

  return c.body(stream, 200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
}

function liveFrame(event: PublishedEvent): Uint8Array {
  let bytes = liveFrames.get(event);
  if (!bytes) {
    bytes = encoder.encode(frame(event.type, event.id, retryHint(event.busy), event.json));
    liveFrames.set(event, bytes);
  }
  return bytes;
}

function frame(type: string, id: string, retry: number, json: string): string {
  return `event: ${type}\nid: ${id}\nretry: ${retry}\ndata: ${json}\n\n`;
}

function retryHint(busy: boolean): number {
  return busy ? RETRY_ACTIVE_MS : RETRY_IDLE_MS;
}
