import type { ConsoleAssets } from "../console/console-assets.js";
import type { ConsoleToken } from "../console/console-token.js";
import type { EventBus } from "../engine/event-bus.js";
import type { TurnEngine } from "../engine/turn-engine.js";
import type { Store } from "../store/store.js";
import type { AllowedHosts } from "./host-check.js";
import type { RequestValidator } from "./request-validator.js";
import type { SseLimits } from "./sse-limits.js";

/** What route handlers share: storage, the turn engine, the bus and the settings. */
export interface ServerContext {
  store: Store;
  engine: TurnEngine;
  bus: EventBus;
  validator: RequestValidator;
  /** Open SSE connections, bounded per session and in total. */
  sseLimits: SseLimits;
  /** The dev console's files and the one-time token of its printed URL. */
  console: { assets: ConsoleAssets; token: ConsoleToken };
  settings: {
    apiKey: string;
    heartbeatMs: number;
    connectionCycleMs: number;
    /** Most bytes one SSE connection may have queued before it is dropped. */
    sseMaxQueuedBytes: number;
    model: { kind: "simulated" | "openai"; name: string };
    cors: readonly string[];
    /** The interface it listens on, and other `Host` names it answers (`true`: any). */
    host: string;
    allowedHosts: AllowedHosts;
  };
}
