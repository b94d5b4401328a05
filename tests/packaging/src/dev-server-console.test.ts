import { describe, expect, inject, it } from "vitest";

describe("the @everruns/dev-server tarball", () => {
  it("ships the built dev console: its page, one script and one stylesheet, no source", () => {
    const files = inject("tarballs")["@everruns/dev-server"].files;
    const app = files.filter((file) => file.startsWith("dist/console-app/"));
    expect(app).toContain("dist/console-app/index.html");
    expect(app.filter((file) => /^dist\/console-app\/assets\/[\w-]+\.js$/.test(file))).toHaveLength(
      1,
    );
    expect(
      app.filter((file) => /^dist\/console-app\/assets\/[\w-]+\.css$/.test(file)),
    ).toHaveLength(1);
    expect(files.some((file) => file.startsWith("console/"))).toBe(false);
    expect(files).toContain("dist/console/console-routes.js");
  });
});
