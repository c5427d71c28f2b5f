/**
 * The add-in's marks: custom conditional formats whose rule formula carries a marker, so they are found
 * again (and only they are removed) while the user's fills, fonts and own conditional formats stay.
 * Enum values are written as their strings ("Custom"), so no global `Excel` is needed at run time.
 * The marker formula, fills and grouping are decided in ../cells (shared by every adapter); this file
 * only queues the Office.js calls.
 */
import type { Severity } from "../../engine/types";
import { MARK_FILL, markerFormula, markerSeverity } from "../cells";

/** Queue a marker conditional format on a range or range areas. */
export function addMark(target: Excel.Range | Excel.RangeAreas, severity: Severity, id: string): void {
  const cf = target.conditionalFormats.add("Custom");
  cf.custom.rule.formula = markerFormula(severity, id);
  cf.custom.format.fill.color = MARK_FILL[severity];
}

export interface FoundMark {
  sheet: string;
  format: Excel.ConditionalFormat;
  formula: string;
  severity: Severity;
  /** The searched addresses that found it (the areas it covers, for re-creating it). */
  addresses: string[];
}

/** A conditional-format collection to search: the formats intersecting one address of a sheet. */
export interface MarkSearch {
  sheet: string;
  address: string;
  formats: Excel.ConditionalFormatCollection;
}

/** Queue one search per (sheet, address). */
export function markSearches(
  workbook: Excel.Workbook,
  marks: { sheet: string; address: string }[],
): MarkSearch[] {
  const seen = new Set<string>();
  const searches: MarkSearch[] = [];
  for (const m of marks) {
    const key = `${m.sheet}\u0000${m.address}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const sheet = workbook.worksheets.getItemOrNullObject(m.sheet);
    searches.push({
      sheet: m.sheet,
      address: m.address,
      formats: sheet.getRange(m.address).conditionalFormats,
    });
  }
  return searches;
}

/** First of the two syncs that find marks: queue loading each collection's item types. */
export function queueMarkTypes(searches: MarkSearch[]): void {
  for (const s of searches) s.formats.load("items/type");
}

/**
 * After the types are loaded: queue loading the rule formula of every custom item. Returns a function
 * that, after the next sync, yields our marks (each once per sheet); with `halfMade`, also a custom
 * format left without a formula by a broken sync.
 */
export function queueMarkFormulas(
  searches: MarkSearch[],
  options: { halfMade?: boolean } = {},
): () => FoundMark[] {
  const pending: { sheet: string; address: string; format: Excel.ConditionalFormat }[] = [];
  for (const s of searches)
    for (const format of s.formats.items) {
      if (format.type !== "Custom") continue;
      format.custom.rule.load("formula");
      pending.push({ sheet: s.sheet, address: s.address, format });
    }
  return () => {
    const byKey = new Map<string, FoundMark>();
    for (const p of pending) {
      const formula = p.format.custom.rule.formula;
      // A custom format without a rule on a range we were marking is one we added when the sync broke
      // off between add() and setting its formula (the user cannot make such a format).
      const halfMade =
        options.halfMade === true && (formula === "" || formula === null || formula === undefined);
      const severity = halfMade ? "info" : markerSeverity(formula);
      if (!severity) continue;
      const key = `${p.sheet}\u0000${formula}`;
      const known = byKey.get(key);
      if (known) {
        if (!known.addresses.includes(p.address)) known.addresses.push(p.address);
      } else byKey.set(key, { sheet: p.sheet, format: p.format, formula, severity, addresses: [p.address] });
    }
    return [...byKey.values()];
  };
}
