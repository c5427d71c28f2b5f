/**
 * docs/architecture.md's folder tree covers src/: every folder under src/ and every module directly in
 * a top-level folder (src/engine/metrics.ts, src/cli/main.ts …) is an entry of the tree or named in its
 * folder's entry; and every entry of the tree exists. A new folder or module fails here until the
 * tree says what it is.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fences, readDoc, ROOT } from "./markdown";

/** The tree's entries and the paths its descriptions name, resolved against the entry's folder. */
export function treePaths(tree: string): { entries: string[]; named: string[] } {
  const entries: string[] = [];
  const named: string[] = [];
  // indent → folder path of the entry at that indent (a child sits two columns deeper)
  const stack: { indent: number; dir: string }[] = [{ indent: -2, dir: "" }];
  let current: { dir: string; base: string } | null = null;
  for (const line of tree.split("\n")) {
    const m = /^( *)([\w.@+-]+\/|[\w.@+-]+\.[a-z]+)(?=\s|$)(.*)$/.exec(line);
    const indent = m ? m[1].length : -1;
    const parent = [...stack].reverse().find((s) => s.indent < indent);
    const isEntry = m !== null && parent !== undefined && indent === parent.indent + 2;
    let description = line;
    if (isEntry && m && parent) {
      while (stack[stack.length - 1].indent >= indent) stack.pop();
      const entry = parent.dir + m[2];
      entries.push(entry.replace(/\/$/, ""));
      if (m[2].endsWith("/")) {
        stack.push({ indent, dir: entry });
        current = { dir: entry, base: entry };
      } else current = { dir: parent.dir, base: parent.dir };
      description = m[3];
    }
    if (!current) continue;
    for (const t of description.matchAll(
      /(?<![\w./-])([\w.-]+(?:\/[\w.-]+)*\.(?:tsx?|json|html)|[\w-]+\/)(?![\w/])/g,
    )) {
      const resolved = path.posix.join(current.base, t[1]).replace(/\/$/, "");
      named.push(resolved);
    }
  }
  return { entries, named };
}

function walk(dir: string): { dirs: string[]; modules: string[] } {
  const dirs: string[] = [];
  const modules: string[] = [];
  const depth = dir.split("/").length;
  for (const name of readdirSync(path.join(ROOT, dir)).sort()) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) {
      dirs.push(rel);
      const inner = walk(rel);
      dirs.push(...inner.dirs);
      modules.push(...inner.modules);
    } else if (depth === 2) modules.push(rel); // src/<folder>/<module>
  }
  return { dirs, modules };
}

const doc = readDoc("docs/architecture.md");
const tree = fences(doc)[0].body;
const { entries, named } = treePaths(tree);
const mentioned = new Set([...entries, ...named]);
const { dirs, modules } = walk("src");

describe("docs/architecture.md", () => {
  it("has a tree rooted at src/", () => {
    expect(entries).toContain("src/engine");
    expect(entries).toContain("src/engine/metrics.ts");
  });

  it("names every folder under src/", () => {
    expect(dirs.filter((d) => !mentioned.has(d))).toEqual([]);
  });

  it("names every module of a top-level src/ folder", () => {
    expect(modules.filter((m) => !mentioned.has(m))).toEqual([]);
  });

  it("names only entries that exist", () => {
    expect(entries.filter((e) => !existsSync(path.join(ROOT, e)))).toEqual([]);
  });

  it("reads entries, their nesting and the files a folder's description lists", () => {
    const sample = [
      "src/",
      "  engine/        pure",
      "    types.ts     the contracts",
      "    rules/       families: budget.ts, targets.ts;",
      "                 catalogue.ts assembles them; detect/sangong.ts is elsewhere",
      "  cli/           main.ts",
      "examples/        the sample",
    ].join("\n");
    const parsed = treePaths(sample);
    expect(parsed.entries).toEqual([
      "src",
      "src/engine",
      "src/engine/types.ts",
      "src/engine/rules",
      "src/cli",
      "examples",
    ]);
    expect(parsed.named).toEqual([
      "src/engine/rules/budget.ts",
      "src/engine/rules/targets.ts",
      "src/engine/rules/catalogue.ts",
      "src/engine/rules/detect/sangong.ts",
      "src/cli/main.ts",
    ]);
  });
});
