import { EverrunsError } from "../errors/everruns-error.js";

/** What a {@link Page} is made of. */
export interface PageInit<T> {
  /** The items of this page. */
  data: T[];
  /** How many items the whole list has. */
  total: number;
  /** Index of this page's first item in the whole list. */
  offset: number;
  /** Page size the server applied. */
  limit: number;
  /** Fetches the page after this one; absent on the last page. */
  fetchNext?: (() => Promise<Page<T>>) | undefined;
}

/**
 * One page of a list, with the fields the API returns (`data`, `total`, `offset`, `limit`),
 * that is also an async iterable over every item of every page from here on:
 *
 * ```ts
 * const page = await client.agents.list({ limit: 50 });
 * console.log(page.total);
 * for await (const agent of page) console.log(agent.name); // fetches further pages lazily
 * ```
 */
export class Page<T> implements AsyncIterable<T> {
  /** The items of this page. */
  readonly data: T[];
  /** How many items the whole list has (for lists without paging: `data.length`). */
  readonly total: number;
  /** Index of this page's first item in the whole list. */
  readonly offset: number;
  /** Page size the server applied. */
  readonly limit: number;
  readonly #fetchNext: (() => Promise<Page<T>>) | undefined;

  constructor(init: PageInit<T>) {
    this.data = init.data;
    this.total = init.total;
    this.offset = init.offset;
    this.limit = init.limit;
    this.#fetchNext = init.fetchNext;
  }

  /** True when a later page exists. */
  hasNextPage(): boolean {
    return this.#fetchNext !== undefined;
  }

  /** Fetches the next page, or returns `null` on the last one. */
  async nextPage(): Promise<Page<T> | null> {
    return this.#fetchNext ? this.#fetchNext() : null;
  }

  /** Iterates every item of this page and of every later page, fetching them on demand. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page: Page<T> | null = this;
    while (page) {
      yield* page.data;
      page = await page.nextPage();
    }
  }

  /** Collects every item of this page and the later ones into an array. */
  async toArray(): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this) items.push(item);
    return items;
  }
}

/**
 * Builds an offset-paginated {@link Page}: another page exists while `offset + data.length`
 * is below `total` and the server returned items. A next page that does not start where this
 * one ended (a server that ignores `offset`) rejects with {@link EverrunsError} instead of
 * walking the same page forever.
 */
export function offsetPage<T>(
  body: { data: T[]; total: number; offset: number; limit: number },
  fetchAt: (offset: number) => PromiseLike<Page<T>>,
): Page<T> {
  const nextOffset = body.offset + body.data.length;
  const more = body.data.length > 0 && nextOffset < body.total;
  const fetchNext = async (): Promise<Page<T>> => {
    const next = await fetchAt(nextOffset);
    if (next.offset !== nextOffset) {
      throw new EverrunsError(
        `Pagination did not advance: asked for offset ${nextOffset}, the server answered offset ${next.offset}`,
      );
    }
    return next;
  };
  return new Page({ ...body, fetchNext: more ? fetchNext : undefined });
}

/** Wraps a list the API returns whole (`{ data }`) as a single {@link Page}. */
export function singlePage<T>(data: T[]): Page<T> {
  return new Page({ data, total: data.length, offset: 0, limit: data.length });
}
