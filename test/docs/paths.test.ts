/**
 * Every repository path named in README.md and docs/*.md exists, and no document, source or test cites
 * a specification outside the repository ("SPEC §…"): the project's own is docs/domain.md.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { markdownFiles, namedPaths, readDoc, ROOT } from "./markdown";

/** Folders the build or the bench makes (ignored by git, e.g. bench/out/): named, never committed. */
const GENERATED = readFileSync(path.join(ROOT, ".gitignore"), "utf8")
  .split("\n")
  .map((l) => l.trim().replace(/^\//, ""))
  .filter((l) => /^[\w.-]+\/[\w.-]+\/$/.test(l));

describe("paths named in the documentation", () => {
  it.each(markdownFiles())("%s names only paths that exist", (file) => {
    const missing = namedPaths(readDoc(file))
      .filter((p) => !GENERATED.some((g) => `${p}/`.startsWith(g)))
      .filter((p) => !existsSync(path.join(ROOT, p)));
    expect(missing).toEqual([]);
  });

  it("checks docs/extending.md, which README.md links, and the paths it names are many", () => {
    expect(markdownFiles()).toContain("docs/extending.md");
    expect(readDoc("README.md")).toContain("`docs/extending.md`");
    expect(namedPaths(readDoc("docs/extending.md")).length).toBeGreaterThan(40);
  });

  it("knows the generated folders", () => {
    expect(GENERATED).toContain("bench/out/");
  });

  it("finds the paths a document names (the reader itself)", () => {
    const text =
      "See `src/engine/metrics.ts`, src/host/port.ts. And docs/rules.md（生成）, `src/engine/rules/*.ts`, " +
      "`test/docs/`, <name>.docx, bench/results.json; src/cli/main.ts:12 and `npm run docs`.";
    expect(namedPaths(text)).toEqual([
      "bench/results.json",
      "docs/rules.md",
      "src/cli/main.ts",
      "src/engine/metrics.ts",
      "src/host/port.ts",
      "test/docs/",
    ]);
  });
});

/** Every text file under the folders given, repository-relative. */
function textFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...textFiles(rel));
    else if (/\.(ts|tsx|js|json|md|html)$/.test(name)) out.push(rel);
  }
  return out;
}

describe("the domain is cited from docs/domain.md", () => {
  const files = ["README.md", ...["src", "test", "docs", "bench", "scripts", "examples"].flatMap(textFiles)];
  const citesSpec = (f: string) => /\bSPEC\b\s*§|\(SPEC\b/.test(readFileSync(path.join(ROOT, f), "utf8"));

  it("no file cites SPEC §", () => {
    expect(files.filter((f) => f !== "test/docs/paths.test.ts").filter(citesSpec)).toEqual([]);
  });

  it("every docs/domain.md §N cited exists as a section", () => {
    const sections = new Set(
      [...readDoc("docs/domain.md").matchAll(/^#{2,3} §(\d+(?:\.\d+)?)\b/gm)].map((m) => m[1]),
    );
    const cited = new Set<string>();
    for (const f of files)
      for (const m of readFileSync(path.join(ROOT, f), "utf8").matchAll(/domain\.md §(\d+(?:\.\d+)?)/g))
        cited.add(m[1]);
    expect(cited.size).toBeGreaterThan(5);
    expect([...cited].filter((s) => !sections.has(s))).toEqual([]);
  });
});
