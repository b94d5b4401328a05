import { ApiPromise } from "../http/api-promise.js";
import type { Page } from "./page.js";

/**
 * What list methods return: awaiting it gives the first {@link Page} (`data`, `total`,
 * `hasNextPage()`, `nextPage()`), and iterating it with `for await` walks every item of every
 * page, fetching later pages on demand:
 *
 * ```ts
 * const first = await client.agents.list({ limit: 50 });
 * for await (const agent of client.agents.list()) console.log(agent.name);
 * ```
 */
export class PagePromise<T> extends ApiPromise<Page<T>> implements AsyncIterable<T> {
  /** Iterates every item of the first page and of every later page. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    const first: Page<T> = await this;
    yield* first;
  }
}
