/**
 * docs/config.md's example works as written: its JSON block is written to a temporary folder under the
 * name the example's command gives it, the sample workbook is copied there as examples/…, and each
 * `perf-eval` line of the example's sh block runs the command line from source in that folder. Every
 * command exits 0, and the thresholds the JSON sets are the ones the report's findings applied (their
 * `evidence.limit`), which a run without the file does not show.
 */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { fences, readDoc, ROOT } from "./markdown";

jest.setTimeout(120_000);

const RUN_CLI = path.join(ROOT, "test", "cli", "helpers", "run-cli.ts");
const TSX = pathToFileURL(require.resolve("tsx")).href;
const SAMPLE = "examples/gaozhuang-2023.xlsx";

/** The example: the fenced blocks after the line that starts "Example" in docs/config.md. */
function documentedExample(): { config: Record<string, unknown>; commands: string[][] } {
  const doc = readDoc("docs/config.md");
  const start = doc.split("\n").findIndex((l) => l.startsWith("Example"));
  expect(start).toBeGreaterThanOrEqual(0);
  const after = fences(doc).filter((f) => f.line > start);
  const json = after.find((f) => f.lang === "json");
  const sh = after.find((f) => f.lang === "sh");
  if (!json || !sh) throw new Error("docs/config.md: the example has no json and sh block");
  const commands = sh.body
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("perf-eval "))
    .map((l) => l.split(/\s+/).slice(1));
  return { config: JSON.parse(json.body) as Record<string, unknown>, commands };
}

interface Finding {
  rule: string;
  evidence?: { limit?: number };
}

function perfEval(cwd: string, args: string[]) {
  return spawnSync(process.execPath, ["--import", TSX, RUN_CLI, ...args], {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perf-eval-config-doc-"));
  await fs.mkdir(path.join(dir, "examples"));
  await fs.copyFile(path.join(ROOT, SAMPLE), path.join(dir, SAMPLE));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("docs/config.md's example", () => {
  const { config, commands } = documentedExample();

  it("has a command that reads the example's file with --config and prints the JSON report", () => {
    expect(commands.length).toBeGreaterThan(0);
    for (const args of commands) {
      expect(args).toContain("--config");
      expect(args[args.indexOf("--config") + 1]).toMatch(/\.json$/);
    }
    expect(commands.some((a) => a.join(" ").includes("--json -"))).toBe(true);
  });

  it.each(commands.map((a) => [a.join(" "), a]))("perf-eval %s exits 0", async (_, args) => {
    await fs.writeFile(path.join(dir, args[args.indexOf("--config") + 1]), JSON.stringify(config));
    const r = perfEval(dir, args);
    expect(r.status).toBe(0);
  });

  it("applies the file's thresholds: the findings' limits are the example's, not the defaults", async () => {
    const thresholds = config.thresholds as { adjustmentWarn?: number } | undefined;
    expect(thresholds?.adjustmentWarn).toEqual(expect.any(Number));
    const args = commands.find((a) => a.join(" ").includes("--json -"));
    if (!args) throw new Error("no command prints the JSON report");
    await fs.writeFile(path.join(dir, args[args.indexOf("--config") + 1]), JSON.stringify(config));
    const limitOf = (stdout: string) =>
      (JSON.parse(stdout) as { findings: Finding[] }).findings.find(
        (f) => f.rule === "BUDGET_ADJUSTMENT_RATE",
      )?.evidence?.limit;

    const withConfig = perfEval(dir, args);
    expect(withConfig.status).toBe(0);
    expect(limitOf(withConfig.stdout)).toBe(thresholds?.adjustmentWarn);

    const i = args.indexOf("--config");
    const without = perfEval(dir, [...args.slice(0, i), ...args.slice(i + 2)]);
    expect(without.status).toBe(0);
    expect(limitOf(without.stdout)).not.toBe(thresholds?.adjustmentWarn);
  });
});
