/** Reading the project's markdown for the docs tests: which files, their fenced blocks, their paths. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.join(__dirname, "..", "..");

/** README.md and every docs/*.md, as repository-relative paths. */
export function markdownFiles(): string[] {
  const docs = readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`);
  return ["README.md", ...docs];
}

export function readDoc(file: string): string {
  return readFileSync(path.join(ROOT, file), "utf8");
}

export interface Fence {
  /** The info string after the opening fence (`sh`, `json`, "" …). */
  lang: string;
  body: string;
  /** 0-based line of the opening fence. */
  line: number;
}

/** Every fenced block (```), in order. */
export function fences(markdown: string): Fence[] {
  const lines = markdown.split("\n");
  const out: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*```(\S*)/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    out.push({ lang: open[1], body: body.join("\n"), line: start });
  }
  return out;
}

/** Top-level folders whose paths a document may name (and which must then exist). */
export const PATH_ROOTS = [
  "src",
  "test",
  "docs",
  "bench",
  "scripts",
  "examples",
  "schemas",
  "assets",
  "bin",
  ".ci",
];

/**
 * Every repository path a document names: a token starting with one of PATH_ROOTS and a slash, or a
 * top-level file (README.md, package.json, manifest.xml …) in backticks. Patterns (`*`, `<name>`,
 * `{a,b}`) are left out: they name no one file.
 */
export function namedPaths(markdown: string): string[] {
  const found = new Set<string>();
  const token = new RegExp(
    `(?<![\\w./-])(?:${PATH_ROOTS.map((r) => r.replace(".", "\\.")).join("|")})/[^\\s\`'"()（）,，;；:：、|\\]]*`,
    "gu",
  );
  for (const m of markdown.matchAll(token)) {
    let p = m[0].replace(/[.。]+$/u, "");
    if (/[*<>{}$]/.test(p)) continue;
    p = p.replace(/#.*$/, "");
    found.add(p);
  }
  for (const m of markdown.matchAll(/`([\w.-]+\.(?:md|json|xml|js|mjs|ts))`/g)) {
    if (["README.md", "package.json", "package-lock.json", "manifest.xml", "tsconfig.json"].includes(m[1]))
      found.add(m[1]);
  }
  return [...found].sort();
}
