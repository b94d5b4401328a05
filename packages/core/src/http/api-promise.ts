/** What {@link ApiPromise.withResponse} resolves to. */
export interface ApiResult<T> {
  /** The parsed result, as awaiting the call gives it. */
  data: T;
  /** The HTTP response of the last attempt (its body already read into `data`). */
  response: Response;
  /** The `x-request-id` response header, to quote when asking for support. */
  requestId: string | undefined;
}

/** What an {@link ApiPromise} is built from: the call's outcome and, on demand, its raw response. */
export interface ApiCall<T> {
  /** The call's parsed result with its response; rejects with the call's typed error. */
  result: Promise<ApiResult<T>>;
  /** The response as the server sent it, body unread; rejects with the call's typed error. */
  rawResponse: () => Promise<Response>;
}

/**
 * The promise every resource method returns: `await` gives the parsed data, as usual, and two
 * methods give more when you need it:
 *
 * ```ts
 * const agent = await client.agents.get(id);
 * const { data, response, requestId } = await client.agents.get(id).withResponse();
 * const response = await client.agents.export(id).asResponse(); // body unread
 * ```
 *
 * The request is sent at once, whether or not the promise is awaited.
 */
export class ApiPromise<T> extends Promise<T> {
  readonly #call: ApiCall<T>;
  #data: Promise<T> | undefined;

  constructor(call: ApiCall<T>) {
    // The executor's value is never observed: `then` reads the call's result instead.
    super((resolve) => resolve(undefined as T));
    this.#call = call;
  }

  /** `then`, `catch` and `finally` build plain promises, not `ApiPromise`s. */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** Resolves with the data, the response and its request id. */
  withResponse(): Promise<ApiResult<T>> {
    return this.#call.result;
  }

  /**
   * Resolves with the raw `Response` (status, headers, unread body) without parsing it. A failed
   * call still rejects with its typed error.
   */
  asResponse(): Promise<Response> {
    return this.#call.rawResponse();
  }

  // Read lazily, so that a caller who only uses withResponse() gets no second rejection.
  #parsed(): Promise<T> {
    this.#data ??= this.#call.result.then((result) => result.data);
    return this.#data;
  }

  // biome-ignore lint/suspicious/noThenProperty: ApiPromise is a promise; `then` reads the call's data.
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#parsed().then(onfulfilled, onrejected);
  }

  override catch<R = never>(
    onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null,
  ): Promise<T | R> {
    return this.#parsed().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#parsed().finally(onfinally);
  }
}
