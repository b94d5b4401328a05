import { describe, expectTypeOf, it } from "vitest";
import type {
  Capability,
  DeclarativeCapability,
  GuardrailExample,
  Model,
  UpdateDeclarativeCapabilityRequest,
} from "./types.js";

type Profile = NonNullable<Model["profile"]>;

describe("fidelity of the control-plane types", () => {
  it("types a model profile's cost tiers, reasoning effort and modalities", () => {
    type Tier = NonNullable<NonNullable<Profile["cost"]>["cost_tiers"]>[number];
    expectTypeOf<Tier["above_tokens"]>().toEqualTypeOf<number>();
    expectTypeOf<Tier["cache_read"]>().toEqualTypeOf<number | null | undefined>();
    type Effort = NonNullable<Profile["reasoning_effort"]>;
    expectTypeOf<Effort["default"]>().toEqualTypeOf<
      "none" | "minimal" | "low" | "medium" | "high" | "xhigh"
    >();
    expectTypeOf<Effort["values"][number]["name"]>().toEqualTypeOf<string>();
    type Input = NonNullable<Profile["modalities"]>["input"][number];
    expectTypeOf<"pdf">().toExtend<Input>();
  });

  it("gives capability localizations a description", () => {
    type Localization = NonNullable<Capability["localizations"]>[string];
    expectTypeOf<Localization["description"]>().toEqualTypeOf<string | null | undefined>();
  });

  it("keeps open string sets open", () => {
    // Plain strings in the hosted API's description stay plain strings here.
    expectTypeOf<DeclarativeCapability["status"]>().toEqualTypeOf<string>();
    expectTypeOf<UpdateDeclarativeCapabilityRequest["status"]>().toEqualTypeOf<
      string | null | undefined
    >();
    expectTypeOf<GuardrailExample["data_egress"]>().toEqualTypeOf<string>();
    expectTypeOf<GuardrailExample["stages"]>().toEqualTypeOf<string[]>();
  });
});
