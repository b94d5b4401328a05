import { expect } from "vitest";

/** A call expected to be refused, with the status and problem `code` it must answer. */
export type Refusal = [Promise<{ status: number; json: { code: string } }>, number, string];

/** Awaits each call and checks its status and problem `code`, one table row per refusal. */
export async function expectRefusals(cases: Refusal[]): Promise<void> {
  for (const [call, status, code] of cases) {
    const response = await call;
    expect({ status: response.status, code: response.json?.code }).toEqual({ status, code });
  }
}
