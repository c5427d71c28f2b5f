/**
 * docs/rules.md is generated: the committed file must equal what `npm run docs` (scripts/rules-doc.ts)
 * writes from the catalogue, and it must name every rule with its category and severity.
 */
import { readFileSync } from "node:fs";
import { RULES_DOC, rulesDoc } from "../../scripts/rules-doc";
import { CATEGORIES, RULES } from "../../src/engine/rules/catalogue";

describe("docs/rules.md", () => {
  it("is exactly the output of npm run docs (regenerate it after changing a rule)", () => {
    expect(readFileSync(RULES_DOC, "utf8")).toBe(rulesDoc());
  });

  it("has one table row per rule with its category, severity and title", () => {
    const rows = rulesDoc()
      .split("\n")
      .filter((l) => /^\| `[A-Z0-9_]+` \|/.test(l));
    expect(rows).toHaveLength(RULES.length);
    RULES.forEach((rule, i) => {
      const cells = rows[i].split(" | ");
      expect(cells[0]).toBe(`| \`${rule.code}\``);
      expect(cells[1]).toBe(CATEGORIES[rule.category]["zh-CN"]);
      expect(cells[2]).toBe(rule.severity);
      expect(cells[3]).toBe(rule.title["zh-CN"]);
    });
  });

  it("shows both languages of every message", () => {
    const doc = rulesDoc();
    for (const rule of RULES) {
      expect(doc).toContain(`- message (zh-CN): ${rule.message["zh-CN"]}`);
      expect(doc).toContain(`- message (en-US): ${rule.message["en-US"]}`);
    }
  });
});
