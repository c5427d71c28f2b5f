/** scripts/serve.ts: serves files under its root with the right type, 404 for missing files, and
 *  nothing outside the root; /favicon.ico is the add-in's icon; `npm run demo`'s server stops with
 *  Ctrl+C and with a kill of the npm process. */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resolvePath, startServer } from "../../scripts/serve";

const ROOT = path.resolve(__dirname, "..", "..");

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

describe("the favicon", () => {
  const icon = fs.readFileSync(path.join(ROOT, "assets", "icon-32.png"));

  it("/favicon.ico is the add-in's icon from assets/ when the root has no favicon.ico", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "serve-icon-"));
    fs.mkdirSync(path.join(root, "assets"));
    fs.writeFileSync(path.join(root, "assets", "icon-32.png"), icon);
    const server = await startServer({ root, port: 0 });
    try {
      const res = await fetch(`${server.url}/favicon.ico`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/png");
      expect(Buffer.from(await res.arrayBuffer())).toEqual(icon);
      fs.writeFileSync(path.join(root, "favicon.ico"), "own");
      expect(await (await fetch(`${server.url}/favicon.ico`)).text()).toBe("own");
    } finally {
      await server.close();
    }
  });

  it("the demo page names an icon the build ships (webpack copies assets/*)", () => {
    const html = fs.readFileSync(path.join(ROOT, "src", "demo", "demo.html"), "utf8");
    const href = /<link rel="icon"[^>]*href="([^"]+)"/.exec(html)?.[1];
    expect(href).toBe("assets/icon-32.png");
    expect(fs.existsSync(path.join(ROOT, href!))).toBe(true);
    expect(fs.readFileSync(path.join(ROOT, "webpack.config.js"), "utf8")).toContain('from: "assets/*"');
  });
});

describe("stopping `npm run demo`", () => {
  jest.setTimeout(90_000);

  /**
   * Runs package.json's own demo script through npm — without its build (`npm run build && …` becomes
   * `true && …`) and on a scratch root and a free port — in a package of its own, as a process group the
   * way a terminal starts it. Resolves once the server says where it listens.
   */
  async function startDemo(): Promise<{ npm: ChildProcess; url: string }> {
    const script = (
      JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts.demo;
    expect(script).toMatch(/^npm run build && tsx scripts\/serve\.ts --demo$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serve-npm-"));
    fs.mkdirSync(path.join(dir, "dist"));
    fs.writeFileSync(path.join(dir, "dist", "taskpane.html"), "<p>pane</p>");
    const demo = script
      .replace("npm run build", "true")
      .replace(
        "tsx scripts/serve.ts",
        `"${path.join(ROOT, "node_modules", ".bin", "tsx")}" "${path.join(ROOT, "scripts", "serve.ts")}"`,
      );
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({
        name: "serve-stop",
        private: true,
        scripts: { demo: `${demo} --root dist --port 0` },
      }),
    );
    const npm = spawn("npm", ["run", "demo"], {
      cwd: dir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      npm.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const m = /Open (http:\/\/127\.0\.0\.1:\d+)\/demo\.html/.exec(out);
        if (m) resolve(m[1]);
      });
      npm.once("exit", (code) => reject(new Error(`npm run demo ended (${code}) before serving:\n${out}`)));
    });
    return { npm, url };
  }

  /** Whether the server still answers within `ms`: polls until a request is refused. */
  async function stillServingAfter(url: string, ms: number): Promise<boolean> {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
      try {
        await fetch(`${url}/taskpane.html`);
      } catch {
        return false;
      }
    }
    return true;
  }

  /** Ends whatever the test started and is still running: the whole group. */
  function cleanUp(npm: ChildProcess): void {
    try {
      process.kill(-npm.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }

  it("a kill of the npm process (SIGTERM) stops the server", async () => {
    const { npm, url } = await startDemo();
    try {
      expect((await fetch(`${url}/taskpane.html`)).status).toBe(200);
      npm.kill("SIGTERM");
      expect(await stillServingAfter(url, 10_000)).toBe(false);
    } finally {
      cleanUp(npm);
    }
  });

  it("Ctrl+C (SIGINT to the foreground process group) stops the server", async () => {
    const { npm, url } = await startDemo();
    try {
      expect((await fetch(`${url}/taskpane.html`)).status).toBe(200);
      process.kill(-npm.pid!, "SIGINT");
      expect(await stillServingAfter(url, 10_000)).toBe(false);
    } finally {
      cleanUp(npm);
    }
  });
});
