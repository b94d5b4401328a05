import { fromReadableStream } from "@everruns/streaming";

/** What the page saw of a turn relayed by its own server. */
export interface RelayedTurnReport {
  status: number;
  contentType: string | null;
  types: string[];
  /** The text deltas, joined. */
  text: string;
  /** Ids of the events, to check they are the API's. */
  ids: string[];
}

/**
 * Runs in the page: asks the page's own server (which holds the API key) to start a turn, and
 * reads the relayed events with `fromReadableStream`. The page has no key and no client.
 */
export async function readRelayedTurn(question: string): Promise<RelayedTurnReport> {
  const response = await fetch("/relay/turn", { method: "POST", body: question });
  if (!response.body) throw new Error("The relay answered without a body");
  const types: string[] = [];
  const ids: string[] = [];
  let text = "";
  for await (const event of fromReadableStream(response.body)) {
    types.push(event.type);
    ids.push(event.id);
    if (event.type === "output.message.delta") text += event.data.delta;
  }
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    types,
    text,
    ids,
  };
}
