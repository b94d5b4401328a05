import createClient, { type Client } from "openapi-fetch";
import {
  type EverrunsOptions,
  isHostedBaseUrl,
  nonNegativeInteger,
  type ResolvedOptions,
  resolveOptions,
} from "./client-options.js";
import { readEnv } from "./env.js";
import type { paths } from "./generated/openapi.js";
import { assertSafeHeaders } from "./http/header-safety.js";
import { createHeadersMiddleware, createProblemBodyMiddleware } from "./http/middleware.js";
import { redactSecret } from "./http/redact.js";
import { createRetryFetch, type RequestFetch } from "./http/retry-fetch.js";
import { createSuccessBodyMiddleware } from "./http/success-body.js";
import type { Logger } from "./logging/logger.js";
import type { RequestOptions } from "./request-options.js";
import { Agents } from "./resources/agents.js";
import { Capabilities } from "./resources/capabilities.js";
import { Events } from "./resources/events.js";
import { Harnesses } from "./resources/harnesses.js";
import { Images } from "./resources/images.js";
import { Memories } from "./resources/memories.js";
import { Messages } from "./resources/messages.js";
import { Models } from "./resources/models.js";
import { Sessions } from "./resources/sessions.js";
import { Tasks } from "./resources/tasks.js";
import { Workspaces } from "./resources/workspaces.js";
import { SDK_NAME, SDK_VERSION } from "./version.js";

/** The typed openapi-fetch client over every operation of the Everruns API. */
export type RawClient = Client<paths>;

/**
 * The Everruns API client.
 *
 * ```ts
 * const client = new Everruns({ apiKey: "evr_pat_...", baseUrl: "http://127.0.0.1:9000" });
 * const agent = await client.agents.create({ name: "demo", system_prompt: "Be brief." });
 * ```
 *
 * Resource helpers (`client.agents`, `client.sessions`, ...) return data and throw typed
 * errors. `client.raw` is the underlying openapi-fetch client for any operation of the spec;
 * it answers `{ data, error, response }` and shares the same headers, retries and timeouts.
 *
 * The API key is held privately: it never appears in `JSON.stringify(client)`,
 * `util.inspect(client)` or any error message.
 */
export class Everruns {
  /** The normalized base URL (no trailing slash, no `/v1`). */
  readonly baseUrl: string;
  /** The organization sent as `X-Org-Id`, if any. */
  readonly orgId: string | undefined;
  /** Retries of each failed request. */
  readonly maxRetries: number;
  /** Timeout of each attempt, in ms (0: none). */
  readonly timeoutMs: number;
  /**
   * The `fetch` given in the options (or the global one), without the SDK's retries and
   * timeouts. `@everruns/streaming` passes it for long-lived event streams, which manage
   * their own reconnects.
   */
  readonly fetch: typeof globalThis.fetch;
  /** The typed openapi-fetch client; see {@link RawClient}. */
  readonly raw: RawClient;
  /**
   * The client's logger, already filtered by `logLevel` (a disabled level is a no-op).
   * `@everruns/streaming` logs stream reconnects through it.
   */
  readonly logger: Logger;

  /** Agents: create, apply, list, get, update, archive, copy, import, export. */
  readonly agents: Agents;
  /** Sessions: create, list, get, update, delete, cancel, submit tool results. */
  readonly sessions: Sessions;
  /** Background tasks: a session's (list, get, cancel, post a message) and the organization's. */
  readonly tasks: Tasks;
  /** Messages of a session: create (starts a turn), list. */
  readonly messages: Messages;
  /** Events of a session: list with filters. For live events use `@everruns/streaming`. */
  readonly events: Events;
  /** Harnesses: list, get. */
  readonly harnesses: Harnesses;
  /** Models: list, get. */
  readonly models: Models;
  /** Capabilities: list, get. */
  readonly capabilities: Capabilities;
  /** Workspaces (create, list, get, update, archive) and their files (`.files`). */
  readonly workspaces: Workspaces;
  /** Memories (create, list, get, update, archive, sync) and their files (`.files`). */
  readonly memories: Memories;
  /** Images: upload, list, get, thumbnail, delete. */
  readonly images: Images;

  readonly #apiKey: string;
  readonly #options: ResolvedOptions;
  readonly #defaultFetch: RequestFetch;

  /** Creates a client; throws `ValidationError` at once for invalid options. */
  constructor(options: EverrunsOptions = {}) {
    const resolved = resolveOptions(options);
    this.#options = resolved;
    this.#apiKey = resolved.apiKey;
    this.baseUrl = resolved.baseUrl;
    this.orgId = resolved.orgId;
    this.maxRetries = resolved.maxRetries;
    this.timeoutMs = resolved.timeoutMs;
    this.fetch = resolved.fetch;
    this.logger = resolved.log;
    this.#defaultFetch = createRetryFetch({
      fetch: resolved.fetch,
      maxRetries: resolved.maxRetries,
      timeoutMs: resolved.timeoutMs,
      log: resolved.log,
      redact: (value) => this.redactSecrets(value),
    });
    this.raw = createClient<paths>({ baseUrl: resolved.baseUrl, fetch: this.#defaultFetch });
    this.raw.use(
      createHeadersMiddleware({
        apiKey: resolved.apiKey,
        orgId: resolved.orgId,
        clientHeader: `${SDK_NAME}/${SDK_VERSION}`,
        userAgent: isBrowser() ? undefined : `${SDK_NAME}/${SDK_VERSION}`,
        defaultHeaders: resolved.headers,
      }),
      createProblemBodyMiddleware([resolved.apiKey]),
      createSuccessBodyMiddleware(),
    );
    this.agents = new Agents(this);
    this.sessions = new Sessions(this);
    this.tasks = new Tasks(this);
    this.messages = new Messages(this);
    this.events = new Events(this);
    this.harnesses = new Harnesses(this);
    this.models = new Models(this);
    this.capabilities = new Capabilities(this);
    this.workspaces = new Workspaces(this);
    this.memories = new Memories(this);
    this.images = new Images(this);
  }

  /**
   * Creates a client from `EVERRUNS_API_KEY`, `EVERRUNS_API_URL` and `EVERRUNS_ORG_ID`;
   * options given here win over the environment.
   */
  static fromEnv(overrides: EverrunsOptions = {}): Everruns {
    return new Everruns({
      apiKey: readEnv("EVERRUNS_API_KEY"),
      baseUrl: readEnv("EVERRUNS_API_URL"),
      orgId: readEnv("EVERRUNS_ORG_ID"),
      ...definedOnly(overrides),
    });
  }

  /** True when this client talks to the hosted Everruns API. */
  get isHosted(): boolean {
    return isHostedBaseUrl(this.baseUrl);
  }

  /**
   * The fetch a call should use: the client's, or one with this call's `maxRetries` /
   * `timeoutMs`. Used by the resource helpers; exposed for code that calls `client.raw`.
   */
  fetchFor(options?: RequestOptions): RequestFetch {
    if (options?.maxRetries === undefined && options?.timeoutMs === undefined)
      return this.#defaultFetch;
    return createRetryFetch({
      fetch: this.#options.fetch,
      maxRetries: nonNegativeInteger(options.maxRetries, this.maxRetries, "maxRetries"),
      timeoutMs: nonNegativeInteger(options.timeoutMs, this.timeoutMs, "timeoutMs"),
      log: this.logger,
      redact: (value) => this.redactSecrets(value),
    });
  }

  /**
   * Replaces every occurrence of this client's API key in `text` by its redacted form (its
   * first characters at most), for values that came back from a server: request ids, bodies.
   */
  redactSecrets(text: string): string {
    const key = this.#apiKey;
    // A short key such as the dev server's "dev" is an ordinary word: rewriting it would garble text.
    return key.length >= 8 ? text.split(key).join(redactSecret(key)) : text;
  }

  /**
   * The openapi-fetch init for a call: its signal, checked headers and fetch.
   * Resource helpers spread it into every `client.raw` call.
   */
  initFor(options?: RequestOptions): {
    signal?: AbortSignal;
    headers?: Record<string, string>;
    fetch: RequestFetch;
  } {
    assertSafeHeaders(options?.headers);
    return {
      fetch: this.fetchFor(options),
      ...(options?.signal ? { signal: options.signal } : {}),
      ...(options?.headers ? { headers: options.headers } : {}),
    };
  }

  /** A summary without the API key (only its first characters). */
  toJSON(): Record<string, unknown> {
    return {
      baseUrl: this.baseUrl,
      orgId: this.orgId,
      apiKey: redactSecret(this.#apiKey),
      maxRetries: this.maxRetries,
      timeoutMs: this.timeoutMs,
    };
  }

  /** Same summary as {@link Everruns.toJSON}. */
  toString(): string {
    return `Everruns(${this.baseUrl}, key ${redactSecret(this.#apiKey)})`;
  }

  /** Node's `util.inspect` shows the redacted summary. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

function isBrowser(): boolean {
  return typeof (globalThis as { document?: unknown }).document !== "undefined";
}

function definedOnly(options: EverrunsOptions): EverrunsOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}
