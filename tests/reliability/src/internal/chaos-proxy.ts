import { connect, createServer, type Server, type Socket } from "node:net";
import { between, type Random } from "./seeded-random.js";

/** What the proxy does to one connection's server → client bytes. */
export type Fault =
  /** Forwards part of a chunk, then destroys both sides: the client sees a frame cut in half. */
  | "cut"
  /** Stops forwarding and keeps both sockets open: a half-open connection (no bytes, no close). */
  | "stall"
  /** Forwards a stretch of bytes a few at a time with pauses, then cuts the connection there. */
  | "drip";

/** Options of {@link startChaosProxy}. */
export interface ChaosProxyOptions {
  /** The dev server's port on 127.0.0.1. */
  targetPort: number;
  /** Seeded randomness: the same seed gives the same fault points. */
  random: Random;
  /** Faults to apply, one per connection, in this order; later connections pass clean. */
  faults: readonly Fault[];
  /** A fault strikes after this many bytes of the connection, drawn per connection. Default 2 KiB–48 KiB. */
  faultAfterBytes?: readonly [number, number];
}

/** A running proxy and what it did. */
export interface ChaosProxy {
  readonly port: number;
  /** Faults applied so far, in order. */
  readonly applied: readonly Fault[];
  /** Connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 that forwards client → server bytes as they are and injects one
 * fault per connection into the server → client direction at a random byte offset, so cuts
 * land anywhere: between frames, inside a frame, inside a multi-byte character.
 */
export async function startChaosProxy(options: ChaosProxyOptions): Promise<ChaosProxy> {
  const [minAfter, maxAfter] = options.faultAfterBytes ?? [2_048, 48 * 1024];
  const queue = [...options.faults];
  const applied: Fault[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const server: Server = createServer((client) => {
    connections++;
    const upstream = connect(options.targetPort, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => undefined);
    }
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", closeBoth);
    upstream.on("close", () => {
      // A stalled connection stays open on the client side even when the server ends.
      if (!stalled) client.destroy();
    });
    client.pipe(upstream);

    const fault = queue.shift();
    let struck = false;
    // A connection that ends before its fault strikes (the server cut a reader that fell
    // behind, the client stopped) hands the fault on to the next connection.
    client.on("close", () => {
      if (fault && !struck) queue.unshift(fault);
    });
    let budget = fault ? between(options.random, minAfter, maxAfter) : Number.POSITIVE_INFINITY;
    let stalled = false;
    let cut = false;
    let dripping = false;

    upstream.on("data", (chunk: Buffer) => {
      // After a cut nothing more may reach the client: TCP never drops bytes and then goes on.
      if (stalled || cut) return;
      if (dripping) {
        drip(chunk);
        return;
      }
      if (chunk.length < budget) {
        budget -= chunk.length;
        client.write(chunk);
        return;
      }
      // The fault strikes inside this chunk.
      const head = chunk.subarray(0, budget);
      const tail = chunk.subarray(budget);
      // One fault per connection: what follows passes through (or stays stalled).
      budget = Number.POSITIVE_INFINITY;
      struck = true;
      if (fault) applied.push(fault);
      if (fault === "cut") {
        cut = true;
        client.write(head, () => closeBoth());
      } else if (fault === "stall") {
        stalled = true;
        client.write(head);
        upstream.pause();
      } else if (fault === "drip") {
        dripping = true;
        client.write(head);
        drip(tail);
      }
    });

    // Drip: the next bytes go out 1 to 24 at a time, 1 to 6 ms apart; reads pause meanwhile
    // so order is kept.
    let dripLeft = between(options.random, 1_024, 4_096);
    const pending: Buffer[] = [];
    let sending = false;
    const drip = (chunk: Buffer) => {
      pending.push(chunk);
      upstream.pause();
      if (!sending) sendNext();
    };
    const sendNext = () => {
      const next = pending.shift();
      if (!next || client.destroyed) {
        sending = false;
        if (dripLeft <= 0) dripping = false;
        upstream.resume();
        return;
      }
      sending = true;
      if (dripLeft <= 0) {
        // The drip ends with a cut wherever it stands, usually mid-frame.
        closeBoth();
        return;
      }
      const size = Math.min(next.length, between(options.random, 1, 24));
      client.write(next.subarray(0, size));
      dripLeft -= size;
      if (size < next.length) pending.unshift(next.subarray(size));
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          sendNext();
        },
        between(options.random, 1, 6),
      );
      timers.add(timer);
    };
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("proxy has no port");
  return {
    port: address.port,
    get applied() {
      return applied;
    },
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
