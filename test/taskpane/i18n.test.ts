/** The pane dictionary: both languages have the same keys, no empty strings, the same placeholders;
 *  language choice from Office's display language. */
import { DICTIONARIES, languageFor, t } from "../../src/i18n";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("pane dictionary", () => {
  const zh = DICTIONARIES["zh-CN"];
  const en = DICTIONARIES["en-US"];

  it("has exactly the same keys in zh-CN and en-US", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it("has no empty strings and the same placeholders per key", () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(zh[key].trim()).not.toBe("");
      expect(en[key].trim()).not.toBe("");
      expect([key, placeholders(en[key])]).toEqual([key, placeholders(zh[key])]);
    }
  });

  it("fills placeholders and leaves unknown ones as written", () => {
    expect(t("zh-CN", "found.table", { kind: "预算执行表", sheet: "预算执行", row: 3 })).toBe(
      "预算执行表：工作表“预算执行”，表头在第\u00a03\u00a0行",
    );
    expect(t("en-US", "actions.summaryDone", {})).toContain("{sheet}");
  });

  it("picks zh-CN for any zh display language and en-US otherwise", () => {
    expect(languageFor("zh-CN")).toBe("zh-CN");
    expect(languageFor("zh-TW")).toBe("zh-CN");
    expect(languageFor("ZH")).toBe("zh-CN");
    expect(languageFor("en-US")).toBe("en-US");
    expect(languageFor("fr-FR")).toBe("en-US");
    expect(languageFor("zu-ZA")).toBe("en-US");
    expect(languageFor(undefined)).toBe("en-US");
  });
});
