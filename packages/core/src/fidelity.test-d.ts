import { describe, expectTypeOf, it } from "vitest";
import type {
  EventData,
  KnownMessagePhase,
  KnownToolCompletedStatus,
  Message,
  MessagePhase,
} from "./types.js";

describe("fidelity of open sets and llm.generation", () => {
  it("Message.phase takes the wire values and any string a newer server sends", () => {
    expectTypeOf<"commentary">().toExtend<NonNullable<Message["phase"]>>();
    expectTypeOf<"a_phase_from_next_year">().toExtend<NonNullable<Message["phase"]>>();
    expectTypeOf<KnownMessagePhase>().toExtend<MessagePhase>();
    expectTypeOf<"a_phase_from_next_year">().toExtend<MessagePhase>();
    // @ts-expect-error: the PascalCase enum names never reach the wire
    const pascal: KnownMessagePhase = "FinalAnswer";
    void pascal;
  });

  it("tool.completed status stays a string", () => {
    expectTypeOf<EventData<"tool.completed">["status"]>().toEqualTypeOf<string>();
    expectTypeOf<KnownToolCompletedStatus>().toExtend<EventData<"tool.completed">["status"]>();
  });

  it("llm.generation metadata and tools are typed", () => {
    type Metadata = EventData<"llm.generation">["metadata"];
    expectTypeOf<NonNullable<Metadata["finish_reasons"]>>().toEqualTypeOf<string[]>();
    expectTypeOf<Metadata["response_id"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<NonNullable<Metadata["retry"]>["attempts"]>().toEqualTypeOf<number>();
    expectTypeOf<NonNullable<Metadata["compaction"]>["compacted"]>().toEqualTypeOf<boolean>();
    expectTypeOf<NonNullable<NonNullable<Metadata["request_options"]>["metadata"]>>().toExtend<
      Record<string, string>
    >();
    type Tool = NonNullable<EventData<"llm.generation">["tools"]>[number];
    expectTypeOf<Tool["name"]>().toEqualTypeOf<string>();
    expectTypeOf<Tool["description"]>().toEqualTypeOf<string>();
  });
});
