import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connect, type Db } from "./sqlite-connection.js";

let db: Db;
const rows = () =>
  db
    .prepare<[], { v: string }>("SELECT v FROM t ORDER BY v")
    .all()
    .map((row) => row.v);

beforeEach(() => {
  db = connect(":memory:");
  db.exec("CREATE TABLE t (v TEXT NOT NULL)");
});
afterEach(() => db.close());

describe("the store's transactions", () => {
  it("commit when the work returns and roll back everything when it throws", () => {
    const insert = db.prepare<[string]>("INSERT INTO t (v) VALUES (?)");
    db.transaction(() => insert.run("kept"))();
    expect(() =>
      db.transaction(() => {
        insert.run("undone");
        throw new Error("boom");
      })(),
    ).toThrow("boom");
    expect(rows()).toEqual(["kept"]);
  });

  it("nest: a failed inner transaction caught by the outer one undoes only its own writes", () => {
    const insert = db.prepare<[string]>("INSERT INTO t (v) VALUES (?)");
    const inner = db.transaction((value: string) => {
      insert.run(value);
      throw new Error("inner failed");
    });
    db.transaction(() => {
      insert.run("outer");
      expect(() => inner("inner")).toThrow("inner failed");
      insert.run("after");
    })();
    expect(rows()).toEqual(["after", "outer"]);
    // And a failure of the outer one undoes what a successful inner one wrote.
    expect(() =>
      db.transaction(() => {
        db.transaction(() => insert.run("nested ok"))();
        throw new Error("outer failed");
      })(),
    ).toThrow("outer failed");
    expect(rows()).toEqual(["after", "outer"]);
  });

  it("refuse asynchronous work instead of committing at its first await", async () => {
    const insert = db.prepare<[string]>("INSERT INTO t (v) VALUES (?)");
    const work = db.transaction(async () => {
      insert.run("before await");
      await Promise.resolve();
      insert.run("after await");
    });
    expect(() => work()).toThrow(/must be synchronous/);
    await Promise.resolve();
    expect(rows().includes("before await")).toBe(false);
    // The connection is usable afterwards.
    db.transaction(() => insert.run("later"))();
    expect(rows()).toContain("later");
  });
});
