/** scripts/serve.ts: serves files under its root with the right type, 404 for missing files, and
 *  nothing outside the root. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resolvePath, startServer } from "../../scripts/serve";

describe("static server", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "serve-"));
  fs.writeFileSync(path.join(root, "taskpane.html"), "<!doctype html><p>绩效</p>");
  fs.writeFileSync(path.join(root, "sample.xlsx"), Buffer.from([0x50, 0x4b, 3, 4]));

  it("serves files with their content type on 127.0.0.1 and a free port", async () => {
    const server = await startServer({ root, port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const page = await fetch(`${server.url}/taskpane.html`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await page.text()).toContain("绩效");
      const book = await fetch(`${server.url}/sample.xlsx?x=1`);
      expect(book.headers.get("content-type")).toBe(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
      expect(Buffer.from(await book.arrayBuffer())).toEqual(Buffer.from([0x50, 0x4b, 3, 4]));
      expect((await fetch(`${server.url}/missing.js`)).status).toBe(404);
      expect((await fetch(`${server.url}/taskpane.html`, { method: "POST" })).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it("never resolves a path outside the root", () => {
    expect(resolvePath(root, "/../../etc/passwd")).toBe(path.join(root, "etc", "passwd"));
    expect(resolvePath(root, "/%2e%2e/%2e%2e/etc/passwd")).toBe(path.join(root, "etc", "passwd"));
    expect(resolvePath(root, "/a%00b")).toBeNull();
    expect(resolvePath(root, "/%E0%A4%A")).toBeNull();
    expect(resolvePath(root, "/")).toBe(path.join(root, "index.html"));
  });
});
