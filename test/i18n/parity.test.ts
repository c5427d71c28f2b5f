/**
 * Every user-facing store, both languages: the same keys (recursively), the same {placeholders} in each
 * pair of strings, no empty string, arrays of the same length, and a function where the other language
 * has one. The stores: the pane's dictionary, the command line's texts, usage, severities and table
 * names, the report's words, the summary sheet's, the indicator block's labels, the not-computed
 * reasons, the rule and review catalogues, the categories and the shipped profiles.
 */
import { DICTIONARIES } from "../../src/i18n";
import { CLI_TEXTS, SEVERITY, TABLE_KIND, USAGE } from "../../src/cli/messages";
import { REPORT_TEXT } from "../../src/engine/report-model/text";
import { SUMMARY_TEXT } from "../../src/engine/summary";
import { BLOCK_LABELS } from "../../src/engine/plan";
import { NOT_COMPUTED_TEXT } from "../../src/engine/not-computed";
import { CATEGORIES, RULES } from "../../src/engine/rules/catalogue";
import { REVIEW_RULES } from "../../src/engine/rules/review-catalogue";
import { PROFILES } from "../../src/engine/config";

/** A finding carries a name in both languages where the user's language picks one ({table} / {tableEn}):
 *  the en-US text's `xEn` stands for the zh-CN text's `x`. */
const placeholders = (s: string) =>
  [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1].replace(/(?<=.)En$/, "")).sort();

/** The differences between the two languages' trees, as "path: what" lines (none when in parity). */
function differences(zh: unknown, en: unknown, at: string, out: string[] = []): string[] {
  if (typeof zh === "string" || typeof en === "string") {
    if (typeof zh !== "string" || typeof en !== "string") out.push(`${at}: a string in one language only`);
    else {
      if (zh.trim() === "" || en.trim() === "") out.push(`${at}: empty`);
      const a = placeholders(zh).join(",");
      const b = placeholders(en).join(",");
      if (a !== b) out.push(`${at}: placeholders {${a}} vs {${b}}`);
    }
  } else if (typeof zh === "function" || typeof en === "function") {
    if (typeof zh !== typeof en) out.push(`${at}: a function in one language only`);
    else if ((zh as (...a: unknown[]) => unknown).length !== (en as (...a: unknown[]) => unknown).length)
      out.push(`${at}: functions of different arity`);
  } else if (Array.isArray(zh) || Array.isArray(en)) {
    if (!Array.isArray(zh) || !Array.isArray(en)) out.push(`${at}: an array in one language only`);
    else if (zh.length !== en.length) out.push(`${at}: ${zh.length} vs ${en.length} items`);
    else zh.forEach((z, i) => differences(z, en[i], `${at}[${i}]`, out));
  } else if (zh && en && typeof zh === "object" && typeof en === "object") {
    const zk = Object.keys(zh).sort();
    const ek = Object.keys(en).sort();
    for (const k of zk) if (!ek.includes(k)) out.push(`${at}.${k}: missing in en-US`);
    for (const k of ek) if (!zk.includes(k)) out.push(`${at}.${k}: missing in zh-CN`);
    for (const k of zk)
      if (ek.includes(k))
        differences(
          (zh as Record<string, unknown>)[k],
          (en as Record<string, unknown>)[k],
          `${at}.${k}`,
          out,
        );
  } else if (zh !== en) out.push(`${at}: ${String(zh)} vs ${String(en)}`);
  return out;
}

type ByLang = { "zh-CN": unknown; "en-US": unknown };

const STORES: [string, ByLang][] = [
  ["pane dictionary (src/i18n)", DICTIONARIES],
  ["command line texts", CLI_TEXTS],
  ["command line usage", USAGE],
  ["severities", SEVERITY],
  ["table kinds", TABLE_KIND],
  ["report words", REPORT_TEXT],
  ["summary sheet", SUMMARY_TEXT],
  ["indicator block labels", BLOCK_LABELS],
  ["not-computed reasons", NOT_COMPUTED_TEXT],
];

/** The catalogues keep the pair per field: {title: {zh-CN, en-US}, message: {…}, …}. */
function pairs(): [string, ByLang][] {
  const out: [string, ByLang][] = [];
  const fields = ["title", "message", "member", "basis", "recommendation"] as const;
  for (const rule of [...RULES, ...REVIEW_RULES])
    for (const field of fields) {
      const texts = (rule as unknown as Record<string, ByLang | null | undefined>)[field];
      if (texts) out.push([`${rule.code}.${field}`, texts]);
    }
  for (const [code, c] of Object.entries(CATEGORIES)) out.push([`category ${code}`, c]);
  for (const p of PROFILES) {
    out.push([`profile ${p.name}.title`, p.title]);
    out.push([`profile ${p.name}.description`, p.description]);
  }
  return out;
}

describe("every user-facing store has the same keys and placeholders in zh-CN and en-US", () => {
  it.each(STORES)("%s", (_name, store) => {
    expect(differences(store["zh-CN"], store["en-US"], "")).toEqual([]);
  });

  it("every rule, review rule, category and profile text", () => {
    const list = pairs();
    expect(list.length).toBeGreaterThan(100);
    const found = list.flatMap(([name, t]) => differences(t["zh-CN"], t["en-US"], name));
    expect(found).toEqual([]);
  });

  it("the check itself finds a missing key, a lost placeholder, an empty text and a short list", () => {
    expect(
      differences(
        { a: "你好{name}", b: "二", c: ["一", "二"], d: "有" },
        { a: "Hello", c: ["one"], d: " ", e: "extra" },
        "",
      ),
    ).toEqual([
      ".b: missing in en-US",
      ".e: missing in zh-CN",
      ".a: placeholders {name} vs {}",
      ".c: 2 vs 1 items",
      ".d: empty",
    ]);
  });
});
