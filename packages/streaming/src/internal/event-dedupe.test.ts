import type { SessionEvent } from "@everruns/core";
import { describe, expect, it } from "vitest";
import { deltaEvent, eventId } from "../test-support/events.js";
import { type DedupeVerdict, EventDedupe } from "./event-dedupe.js";

/** Runs `events` through `dedupe` as the stream does; returns each verdict. */
function feed(dedupe: EventDedupe, events: SessionEvent[]): DedupeVerdict[] {
  return events.map((event) => {
    const verdict = dedupe.check(event);
    if (verdict === "new" || verdict === "regressed") dedupe.remember(event, verdict);
    return verdict;
  });
}

const withSequence = (n: number, sequence: number | undefined): SessionEvent => {
  const { sequence: _dropped, ...rest } = deltaEvent(n);
  return (sequence === undefined ? rest : { ...rest, sequence }) as SessionEvent;
};

describe("EventDedupe", () => {
  it("delivers increasing sequences and refuses a repeat by id", () => {
    const dedupe = new EventDedupe();
    expect(
      feed(
        dedupe,
        [1, 2, 3].map((n) => deltaEvent(n)),
      ),
    ).toEqual(["new", "new", "new"]);
    expect(
      feed(
        dedupe,
        [2, 3, 4].map((n) => deltaEvent(n)),
      ),
    ).toEqual(["duplicate", "duplicate", "new"]);
  });

  it("de-duplicates events without a sequence by id", () => {
    const dedupe = new EventDedupe();
    const events = [1, 2, 3].map((n) => withSequence(n, undefined));
    expect(feed(dedupe, [...events, ...events])).toEqual([
      "new",
      "new",
      "new",
      "duplicate",
      "duplicate",
      "duplicate",
    ]);
  });

  it("does not let one absurd sequence hide every later event (2^53 - 1)", () => {
    const dedupe = new EventDedupe();
    const absurd = withSequence(3, Number.MAX_SAFE_INTEGER);
    const later = [4, 5, 6, 7].map((n) => deltaEvent(n));
    const verdicts = feed(dedupe, [deltaEvent(1), deltaEvent(2), absurd, ...later]);
    expect(verdicts).toEqual([
      "new",
      "new",
      "new",
      "regressed",
      "regressed",
      "regressed",
      "regressed",
    ]);
    // Repeats are still refused: the ones before the outlier, the outlier, the ones after it.
    expect(feed(dedupe, [deltaEvent(1), absurd, deltaEvent(5), deltaEvent(7)])).toEqual([
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
    ]);
  });

  it("refuses a repeat of the outlier after it left the remembered window", () => {
    const dedupe = new EventDedupe(4);
    const absurd = withSequence(3, Number.MAX_SAFE_INTEGER);
    feed(dedupe, [deltaEvent(1), deltaEvent(2), absurd]);
    expect(
      feed(
        dedupe,
        [4, 5, 6, 7, 8].map((n) => deltaEvent(n)),
      ),
    ).toEqual(Array(5).fill("regressed"));
    expect(feed(dedupe, [absurd, deltaEvent(8), deltaEvent(9)])).toEqual([
      "duplicate",
      "duplicate",
      "regressed",
    ]);
  });

  it("takes an unknown id older than every remembered event as a stale repeat", () => {
    const dedupe = new EventDedupe(3);
    feed(
      dedupe,
      [1, 2, 3, 4, 5, 6].map((n) => deltaEvent(n)),
    );
    // 1..3 left the window (it holds 4, 5, 6): a replay of them is known only by sequence.
    expect(
      feed(
        dedupe,
        [1, 2, 3].map((n) => deltaEvent(n)),
      ),
    ).toEqual(["stale", "stale", "stale"]);
    expect(
      feed(
        dedupe,
        [5, 6, 7].map((n) => deltaEvent(n)),
      ),
    ).toEqual(["duplicate", "duplicate", "new"]);
  });

  it("delivers an event whose sequence went backwards inside the remembered range", () => {
    const dedupe = new EventDedupe();
    feed(dedupe, [deltaEvent(1), deltaEvent(5)]);
    const out = withSequence(2, 3);
    expect(feed(dedupe, [out, out, deltaEvent(6)])).toEqual(["regressed", "duplicate", "new"]);
    expect(eventId(2)).toBe(out.id);
  });

  it("tells a new event from a repeat when a server reuses a delivered sequence", () => {
    const dedupe = new EventDedupe();
    feed(dedupe, [deltaEvent(1), deltaEvent(5), deltaEvent(7)]);
    // Other events (new ids) with sequence 5, below the mark: only the id tells them from 5.
    const reused = withSequence(2, 5);
    const again = withSequence(3, 5);
    expect(feed(dedupe, [reused, deltaEvent(5), reused, again, deltaEvent(8)])).toEqual([
      "regressed",
      "duplicate",
      "duplicate",
      "regressed",
      "new",
    ]);
  });

  it("knows a repeat by its id when its sequence changed or went missing", () => {
    const dedupe = new EventDedupe();
    feed(dedupe, [deltaEvent(1), deltaEvent(2), withSequence(3, undefined), deltaEvent(5)]);
    expect(
      feed(dedupe, [withSequence(3, 4), withSequence(2, undefined), withSequence(2, 1)]),
    ).toEqual(["duplicate", "duplicate", "duplicate"]);
  });

  it("keeps finding repeats by id and by sequence once the index is built, as events leave the window", () => {
    const dedupe = new EventDedupe(4);
    const loose = [1, 2].map((n) => withSequence(n, undefined));
    // The first event without a sequence switches to the index; events keep leaving the window.
    expect(feed(dedupe, [deltaEvent(3), ...loose, deltaEvent(4)])).toEqual([
      "new",
      "new",
      "new",
      "new",
    ]);
    expect(feed(dedupe, [loose[1] as SessionEvent, deltaEvent(3)])).toEqual([
      "duplicate",
      "duplicate",
    ]);
    // 5 and 6 push out event 3 and the first loose one; the window holds loose 2, 4, 5, 6.
    expect(feed(dedupe, [deltaEvent(5), deltaEvent(6)])).toEqual(["new", "new"]);
    expect(feed(dedupe, [loose[1] as SessionEvent, deltaEvent(4), deltaEvent(6)])).toEqual([
      "duplicate",
      "duplicate",
      "duplicate",
    ]);
    // Gone from the window: without a sequence nothing recognises it; 3 is below every
    // remembered sequence, so it is taken as a stale repeat.
    expect(feed(dedupe, [loose[0] as SessionEvent, deltaEvent(3)])).toEqual(["new", "stale"]);
  });

  it("grows its window as events arrive and keeps every repeat across the growth and the wrap", () => {
    const dedupe = new EventDedupe(1_000);
    const events = Array.from({ length: 1_500 }, (_, i) => deltaEvent(i + 1));
    // 256 slots, then 512, then the whole window of 1,000; then the ring wraps.
    expect(feed(dedupe, events.slice(0, 700)).every((v) => v === "new")).toBe(true);
    expect(
      feed(dedupe, [events[0], events[255], events[256], events[699]] as SessionEvent[]),
    ).toEqual(["duplicate", "duplicate", "duplicate", "duplicate"]);
    expect(feed(dedupe, events.slice(700)).every((v) => v === "new")).toBe(true);
    // The window now holds events 501..1,500.
    expect(feed(dedupe, [events[499], events[500], events[1_499]] as SessionEvent[])).toEqual([
      "stale",
      "duplicate",
      "duplicate",
    ]);
  });
});
