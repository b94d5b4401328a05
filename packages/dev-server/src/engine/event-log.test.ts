import { describe, expect, it } from "vitest";
import { Store } from "../store/store.js";
import { EventBus } from "./event-bus.js";
import { EventLog } from "./event-log.js";

function setup() {
  const store = new Store(":memory:");
  const bus = new EventBus();
  const log = new EventLog({ repo: store.events, bus, isBusy: () => true, onError: () => {} });
  return { store, bus, log };
}

describe("EventLog", () => {
  it("publishes an event only after it is stored", async () => {
    const { store, bus, log } = setup();
    const storedWhenPublished: number[] = [];
    bus.subscribe("session_a", {
      onEvent: (event) =>
        storedWhenPublished.push(
          store.events.query({ sessionId: "session_a" }).filter((row) => row.id === event.id)
            .length,
        ),
      onClose: () => {},
    });
    log.append("session_a", "turn.started", {}, {});
    log.append("session_a", "turn.completed", {}, {});
    expect(storedWhenPublished).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(storedWhenPublished).toEqual([1, 1]);
  });

  it("numbers each session's events from 1 and gives increasing ids", () => {
    const { store, log } = setup();
    const a1 = log.append("session_a", "x.one", {}, {});
    const b1 = log.append("session_b", "x.one", {}, {});
    const a2 = log.append("session_a", "x.two", {}, {});
    log.flush();
    expect([a1.sequence, b1.sequence, a2.sequence]).toEqual([1, 1, 2]);
    expect(a1.id < b1.id && b1.id < a2.id).toBe(true);
    expect(store.events.maxSequence("session_a")).toBe(2);
  });

  it("continues a session's numbering from the database", () => {
    const { store, bus } = setup();
    const first = new EventLog({ repo: store.events, bus, isBusy: () => false, onError: () => {} });
    first.append("session_a", "x.one", {}, {});
    first.flush();
    const second = new EventLog({
      repo: store.events,
      bus,
      isBusy: () => false,
      onError: () => {},
    });
    expect(second.append("session_a", "x.two", {}, {}).sequence).toBe(2);
  });
});
