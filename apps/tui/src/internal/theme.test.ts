import { expect, it } from "vitest";
import { createTheme, fg } from "./theme.js";

it("turns every color off when NO_COLOR is set, and keeps them when it is empty", () => {
  const plain = createTheme({ NO_COLOR: "1" });
  expect(plain.colorEnabled).toBe(false);
  expect(fg(plain.accent)).toEqual({});
  expect(createTheme({ NO_COLOR: "" }).colorEnabled).toBe(true);
  expect(fg(createTheme({}).error)).toEqual({ color: "red" });
});
