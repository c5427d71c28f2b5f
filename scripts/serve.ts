/**
 * A static file server for dist/ on http://127.0.0.1 (node:http only): `npm run demo` runs it with
 * --demo; the browser tests and the bench start it in-process with startServer({ root, port: 0 }).
 *
 *   tsx scripts/serve.ts [--demo] [--port 3000] [--root dist]
 *
 * /favicon.ico, which browsers ask every page for, is the add-in's icon (assets/icon-32.png under the
 * root) when the root has no favicon.ico of its own, so no page logs a 404 for it.
 *
 * Stopping: Ctrl+C sends SIGINT to every process of the terminal's foreground group, the server
 * included, and Node's default action ends it. A kill of the npm process does not reach it: `npm run
 * demo` runs `sh -c "npm run build && tsx scripts/serve.ts --demo"`, npm forwards the signal to sh only,
 * and sh dies leaving tsx and the server behind (still holding the port). So the command-line server
 * watches the processes it was started by (up to npm, or its own parent) and stops as soon as one of
 * them is gone — see watchLaunchers.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import type { AddressInfo } from "node:net";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "application/javascript; charset=utf-8",
  ".mjs": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** What /favicon.ico serves when the root has none: the add-in's icon, as webpack copies it to dist/. */
const FAVICON = path.join("assets", "icon-32.png");

export interface RunningServer {
  /** e.g. "http://127.0.0.1:41234" (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The file under root that a URL path names, or null when it escapes root. */
export function resolvePath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const rel = decoded.endsWith("/") ? `${decoded}index.html` : decoded;
  const full = path.resolve(root, `.${path.posix.normalize(`/${rel}`)}`);
  const base = path.resolve(root);
  return full === base || full.startsWith(base + path.sep) ? full : null;
}

export function startServer(options: { root: string; port?: number; host?: string }): Promise<RunningServer> {
  const root = path.resolve(options.root);
  const host = options.host ?? "127.0.0.1";
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    const wanted = resolvePath(root, req.url ?? "/");
    if (!wanted) {
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end("Bad path");
      return;
    }
    const file =
      wanted === path.join(root, "favicon.ico") && !fs.existsSync(wanted) ? path.join(root, FAVICON) : wanted;
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`Not found: ${req.url}`);
        return;
      }
      res.writeHead(200, {
        "Content-Type": TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
        "Content-Length": stat.size,
        "Cache-Control": "no-store",
      });
      if (req.method === "HEAD") res.end();
      else fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 3000, host, () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A process's parent pid, or null when it cannot be read (gone, or no /proc and no ps). */
function parentOf(pid: number): number | null {
  try {
    if (process.platform === "linux") {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")"
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return state === "Z" || state === "X" ? null : Number(ppid);
    }
    if (process.platform === "win32") return null;
    const out = execFileSync("ps", ["-o", "ppid=", "-p", String(pid)], { encoding: "utf8" }).trim();
    return out === "" ? null : Number(out);
  } catch {
    return null;
  }
}

/** A process's command line as `ps` shows it (npm sets its title to "npm run demo"), or "". */
function titleOf(pid: number): string {
  try {
    if (process.platform === "linux")
      return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    if (process.platform === "win32") return "";
    return execFileSync("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

/**
 * Calls `stop` once any process that started this one is gone. The chain is this process's parent, and
 * when run by npm (npm_lifecycle_event set) every ancestor up to the npm process — npm → sh → tsx → this
 * server. Each link (child → parent) is checked every `everyMs`: a parent that exits leaves its children
 * to another parent, so a changed link means it is gone (even while it waits, unreaped, as a zombie).
 */
function watchLaunchers(stop: () => void, everyMs = 500): void {
  const links: { child: number; parent: number }[] = [{ child: process.pid, parent: process.ppid }];
  if (process.env.npm_lifecycle_event) {
    for (let pid = process.ppid, depth = 0; pid > 1 && depth < 8 && !/^npm\b/.test(titleOf(pid)); depth++) {
      const parent = parentOf(pid);
      if (parent === null) break;
      links.push({ child: pid, parent });
      pid = parent;
    }
  }
  const timer = setInterval(() => {
    const broken = links.some(({ child, parent }) =>
      child === process.pid ? process.ppid !== parent : parentOf(child) !== parent,
    );
    if (broken) {
      clearInterval(timer);
      stop();
    }
  }, everyMs);
  timer.unref();
}

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<void> {
  const root = path.resolve(argValue(argv, "--root") ?? path.join(__dirname, "..", "dist"));
  const portText = argValue(argv, "--port") ?? "3000";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number 0–65535, not "${portText}".`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(root, "taskpane.html"))) {
    console.error(`${root} has no taskpane.html: run "npm run build" first.`);
    process.exit(2);
  }
  const server = await startServer({ root, port });
  const page = argv.includes("--demo") ? "demo.html" : "taskpane.html";
  console.log(`Serving ${root} on ${server.url}/`);
  console.log(`Open ${server.url}/${page}   (Ctrl+C to stop)`);
  watchLaunchers(() => {
    console.log("The command that started the server has stopped: stopping the server.");
    void server.close().then(() => process.exit(0));
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
