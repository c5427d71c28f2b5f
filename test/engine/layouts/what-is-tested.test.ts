/**
 * docs/layouts.md's "What is tested" table names, for each bullet of issue 14, the test that shows it
 * (`file` › `test name`). Every file named exists and holds a test of that name, so the table cannot drift
 * from the tests.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..", "..");

/** The `file` › `name` pairs of the section's table rows. */
function namedTests(markdown: string): { file: string; name: string }[] {
  const start = markdown.indexOf("\n## What is tested\n");
  if (start < 0) return [];
  const next = markdown.indexOf("\n## ", start + 1);
  const section = markdown.slice(start, next < 0 ? undefined : next);
  const out: { file: string; name: string }[] = [];
  for (const line of section.split("\n").filter((l) => l.startsWith("| ")))
    for (const m of line.matchAll(/`([^`]+\.test\.tsx?)` › `([^`]+)`/g)) out.push({ file: m[1], name: m[2] });
  return out;
}

/** The test titles of a test file (`it("…")`, `it.each(…)("…")`) as patterns: `${…}` and `%s` match any
 *  text, so a name run with each of its cases (or from a loop) is matched by the name it runs as. */
function testTitles(source: string): RegExp[] {
  const titles: RegExp[] = [];
  for (const m of source.matchAll(/\bit(?:\.each\([^)]*\))?\(\s*(["'`])((?:(?!\1)[^\\]|\\.)*)\1/g)) {
    const escaped = m[2].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    titles.push(new RegExp(`^${escaped.replace(/\\\$\\\{[^}]*\\\}|%s/g, ".+")}$`));
  }
  return titles;
}

function hasTest(file: string, name: string): boolean {
  const full = path.join(ROOT, file);
  return existsSync(full) && testTitles(readFileSync(full, "utf8")).some((t) => t.test(name));
}

describe('docs/layouts.md "What is tested"', () => {
  const named = namedTests(readFileSync(path.join(ROOT, "docs", "layouts.md"), "utf8"));

  it("names tests for the issue's bullets", () => {
    expect(named.length).toBeGreaterThanOrEqual(25);
  });

  it("names only tests that exist in the files named", () => {
    expect(named.filter((t) => !hasTest(t.file, t.name))).toEqual([]);
  });

  it("finds a test by the name it runs as, and no other", () => {
    const file = "test/engine/layouts/round-two.test.ts";
    expect(hasTest(file, "支出数 is the spending column")).toBe(true); // it.each("%s …")
    expect(
      hasTest(
        file,
        "title across the table: columns named by the lowest header cell with the group as context",
      ),
    ).toBe(true); // it(`${label}: …`)
    expect(hasTest(file, "is the spending column")).toBe(false);
    expect(hasTest(file, "reads (1,234.50) as −1234.50")).toBe(false); // a prefix is not the name
    expect(hasTest("test/engine/layouts/missing.test.ts", "anything")).toBe(false);
  });
});
