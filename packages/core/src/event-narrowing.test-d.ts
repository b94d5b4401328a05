// One check per known event type: narrowing a `SessionEvent` on `type` must give that
// type's data schema, and the switch must cover every known type (the default branch
// is left with the unknown member only). Adding a type to the spec without a case here
// fails the `satisfies` below.
import { describe, expectTypeOf, it } from "vitest";
import type { components } from "./generated/openapi.js";
import type { EventData, EventType, SessionEvent, UnknownSessionEvent } from "./types.js";

type Schemas = components["schemas"];

/** The data schema each event type must narrow to. */
const dataSchemaOf = {
  "session.started": "SessionStartedData",
  "session.activated": "SessionActivatedData",
  "session.idled": "SessionIdledData",
  "input.message": "InputMessageData",
  "turn.started": "TurnStartedData",
  "turn.completed": "TurnCompletedData",
  "turn.failed": "TurnFailedData",
  "turn.cancelled": "TurnCancelledData",
  "turn.sealed": "TurnSealedData",
  "reason.started": "ReasonStartedData",
  "reason.completed": "ReasonCompletedData",
  "reason.thinking.started": "ReasonThinkingStartedData",
  "reason.thinking.delta": "ReasonThinkingDeltaData",
  "reason.thinking.completed": "ReasonThinkingCompletedData",
  "llm.generation": "LlmGenerationData",
  "output.message.started": "OutputMessageStartedData",
  "output.message.delta": "OutputMessageDeltaData",
  "output.message.replaced": "OutputMessageReplacedData",
  "output.message.completed": "OutputMessageCompletedData",
  "act.started": "ActStartedData",
  "act.completed": "ActCompletedData",
  "tool.started": "ToolStartedData",
  "tool.progress": "ToolProgressData",
  "file.written": "FileWrittenData",
  "tool.output.delta": "ToolOutputDeltaData",
  "tool.completed": "ToolCompletedData",
  "tool.call_requested": "ToolCallRequestedData",
  "reason.recovered": "ReasonRecoveredData",
  "reason.item": "ReasonItemData",
  "capability.usage": "CapabilityUsageData",
  "transcript.repaired": "TranscriptRepairedData",
  "tool.call_repaired": "ToolCallRepairedData",
  "context.compacting": "ContextCompactingData",
  "context.compacted": "ContextCompactedData",
  "task.created": "SessionTaskEventData",
  "task.updated": "SessionTaskEventData",
  "task.message.sent": "TaskMessageEventData",
  "task.message.received": "TaskMessageEventData",
  "voice.session.started": "VoiceSessionStartedData",
  "voice.session.ended": "VoiceSessionEndedData",
  "voice.session.failed": "VoiceSessionFailedData",
} as const satisfies Record<EventType, keyof Schemas>;

describe("event narrowing", () => {
  it("narrowing on event.type gives each known type its data schema", () => {
    const narrow = (event: SessionEvent): string => {
      switch (event.type) {
        case "session.started":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["SessionStartedData"]>();
          return event.type;
        case "session.activated":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["SessionActivatedData"]>();
          return event.type;
        case "session.idled":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["SessionIdledData"]>();
          return event.type;
        case "input.message":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["InputMessageData"]>();
          return event.type;
        case "turn.started":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["TurnStartedData"]>();
          return event.type;
        case "turn.completed":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["TurnCompletedData"]>();
          return event.type;
        case "turn.failed":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["TurnFailedData"]>();
          return event.type;
        case "turn.cancelled":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["TurnCancelledData"]>();
          return event.type;
        case "turn.sealed":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["TurnSealedData"]>();
          return event.type;
        case "reason.started":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ReasonStartedData"]>();
          return event.type;
        case "reason.completed":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ReasonCompletedData"]>();
          return event.type;
        case "reason.thinking.started":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ReasonThinkingStartedData"]>();
          return event.type;
        case "reason.thinking.delta":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ReasonThinkingDeltaData"]>();
          return event.type;
        case "reason.thinking.completed":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ReasonThinkingCompletedData"]>();
          return event.type;
        case "llm.generation":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["LlmGenerationData"]>();
          return event.type;
        case "output.message.started":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["OutputMessageStartedData"]>();
          return event.type;
        case "output.message.delta":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["OutputMessageDeltaData"]>();
          return event.type;
        case "output.message.replaced":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["OutputMessageReplacedData"]>();
          return event.type;
        case "output.message.completed":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["OutputMessageCompletedData"]>();
          return event.type;
        case "act.started":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ActStartedData"]>();
          return event.type;
        case "act.completed":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ActCompletedData"]>();
          return event.type;
        case "tool.started":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ToolStartedData"]>();
          return event.type;
        case "tool.progress":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ToolProgressData"]>();
          return event.type;
        case "file.written":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["FileWrittenData"]>();
          return event.type;
        case "tool.output.delta":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ToolOutputDeltaData"]>();
          return event.type;
        case "tool.completed":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ToolCompletedData"]>();
          return event.type;
        case "tool.call_requested":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ToolCallRequestedData"]>();
          return event.type;
        case "reason.recovered":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ReasonRecoveredData"]>();
          return event.type;
        case "reason.item":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ReasonItemData"]>();
          return event.type;
        case "capability.usage":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["CapabilityUsageData"]>();
          return event.type;
        case "transcript.repaired":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["TranscriptRepairedData"]>();
          return event.type;
        case "tool.call_repaired":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ToolCallRepairedData"]>();
          return event.type;
        case "context.compacting":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ContextCompactingData"]>();
          return event.type;
        case "context.compacted":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["ContextCompactedData"]>();
          return event.type;
        case "task.created":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["SessionTaskEventData"]>();
          return event.type;
        case "task.updated":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["SessionTaskEventData"]>();
          return event.type;
        case "task.message.sent":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["TaskMessageEventData"]>();
          return event.type;
        case "task.message.received":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["TaskMessageEventData"]>();
          return event.type;
        case "voice.session.started":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["VoiceSessionStartedData"]>();
          return event.type;
        case "voice.session.ended":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["VoiceSessionEndedData"]>();
          return event.type;
        case "voice.session.failed":
          expectTypeOf(event.data).toEqualTypeOf<Schemas["VoiceSessionFailedData"]>();
          return event.type;
        default:
          expectTypeOf(event).toEqualTypeOf<UnknownSessionEvent>();
          return "unknown";
      }
    };
    void narrow;
  });

  it("the table names every known type and nothing else", () => {
    expectTypeOf<keyof typeof dataSchemaOf>().toEqualTypeOf<EventType>();
  });

  it("EventData agrees with the table", () => {
    expectTypeOf<EventData<"task.created">["task"]["state"]>().toEqualTypeOf<
      Schemas["SessionTaskState"]
    >();
    expectTypeOf<EventData<"context.compacted">["messages_after"]>().toEqualTypeOf<number>();
    expectTypeOf<EventData<"voice.session.failed">["error"]>().toEqualTypeOf<string>();
  });
});
