/**
 * The dead-export check (scripts/dead-exports.ts, run by `npm run lint`): on a small project made
 * here it finds exactly the exports nothing imports, and on the repository it finds none.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { deadExports, ENTRY_POINTS, ROOT } from "../../scripts/dead-exports";

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "dead-exports-"));
  const all = {
    "tsconfig.json": JSON.stringify({
      compilerOptions: { strict: true, module: "commonjs", target: "ES2020", types: [] },
      include: ["src", "test", "bench"],
    }),
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe("dead exports", () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
  const names = (files: Record<string, string>, entries: string[] = []) => {
    const root = project(files);
    roots.push(root);
    return deadExports(root, entries).map((d) => `${d.file}:${d.line} ${d.name}`);
  };

  it("finds the exports nothing imports, values and types", () => {
    expect(
      names({
        "src/a.ts": [
          "export const used = 1;",
          "export const unused = 2;",
          "export interface Shape { a: number }",
          "export type Unused = string;",
          "export function viaType(): Shape { return { a: used }; }",
        ].join("\n"),
        "test/a.test.ts":
          'import { used, type Shape } from "../src/a";\nexport const x: Shape = { a: used };',
      }),
    ).toEqual(["src/a.ts:2 unused", "src/a.ts:4 Unused", "src/a.ts:5 viaType"]);
  });

  it("follows barrels, dynamic imports, namespace imports and require of the compiled lib/", () => {
    expect(
      names(
        {
          "src/m.ts": "export const a = 1;\nexport const b = 2;\nexport const c = 3;",
          "src/index.ts": 'export { a, b } from "./m";\nexport * from "./n";',
          "src/n.ts": "export const n1 = 1;\nexport const n2 = 2;",
          "src/d.ts": "export const d1 = 1;\nexport const d2 = 2;",
          "src/w.ts": "export const w1 = 1;",
          "src/r.ts": "export const r1 = 1;",
          "src/main.ts": 'import { a, n1 } from "./index";\nexport const main = a + n1;',
          "test/t.test.ts": [
            "export async function f() {",
            '  const { d1 } = await import("../src/d");',
            '  const w = await import("../src/w");',
            "  return d1 + w.w1;",
            "}",
          ].join("\n"),
          "bench/child.js": 'const { r1 } = require("../lib/r.js");',
        },
        ["src/main.ts"],
      ).sort(),
    ).toEqual([
      "src/d.ts:2 d2",
      "src/index.ts:1 b", // re-exported, but nobody imports it from the barrel
      "src/m.ts:2 b",
      "src/m.ts:3 c",
      "src/n.ts:2 n2",
    ]);
  });

  it("leaves entry points alone", () => {
    const files = { "src/main.ts": "export function main() { return 0; }" };
    expect(names(files)).toEqual(["src/main.ts:1 main"]);
    expect(names(files, ["src/main.ts"])).toEqual([]);
  });

  it("knows the repository's entry points", () => {
    expect(ENTRY_POINTS).toContain("src/cli/main.ts");
  });

  it("finds none in the repository", () => {
    expect(deadExports(ROOT).map((d) => `${d.file}:${d.line} ${d.name}`)).toEqual([]);
  }, 180_000);
});
