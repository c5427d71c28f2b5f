/**
 * Finding an indicator row's metric in Metrics.named by loose name: quotes, spaces and a trailing unit
 * in brackets are ignored, known aliases match (执行率 ↔ 预算执行率, 调整率 ↔ 预算调整率), and a longer
 * name containing a metric's full name matches it (部门预算执行率 → 预算执行率).
 */
import { normalizeText } from "../values";

/** Alias groups: any name of a group finds the metric stored under any other name of it. */
const ALIASES: string[][] = [
  ["预算执行率", "执行率", "资金执行率", "预算资金执行率", "部门预算执行率", "财政资金执行率", "资金支出率"],
  ["预算调整率", "调整率", "部门预算调整率", "预算调剂率"],
];

/** Only names at least this long are matched by containment (so 执行率 does not match 政府采购执行率). */
const MIN_CONTAINED = 4;

export function cleanMetricName(name: string): string {
  return normalizeText(name)
    .replace(/["'“”‘’「」『』《》\s]/g, "")
    .replace(/\((?:%|％|万元|元|个|次)\)$/, "");
}

/** The alias group of a name, or null. */
function groupOf(name: string): string[] | null {
  return ALIASES.find((g) => g.includes(name)) ?? null;
}

/** True when the name is a 预算执行率 (or an alias of it). */
export function isExecutionRateName(name: string): boolean {
  return groupOf(cleanMetricName(name))?.[0] === "预算执行率";
}

interface MetricEntry {
  key: string;
  clean: string;
  value: number;
}

/** The last `named` seen, its keys and values, and its cleaned entries: scoring asks once per row with
 *  the same metrics, so the names are cleaned once per run, not once per row. */
let last: { named: Record<string, number>; keys: string[]; values: number[]; entries: MetricEntry[] } | null =
  null;

function entriesOf(named: Record<string, number>): MetricEntry[] {
  const keys = Object.keys(named);
  if (last && last.named === named && last.keys.length === keys.length) {
    let same = true;
    for (let i = 0; i < keys.length && same; i++)
      same = last.keys[i] === keys[i] && Object.is(last.values[i], named[keys[i]]);
    if (same) return last.entries;
  }
  const entries = keys
    .filter((k) => Number.isFinite(named[k]))
    .map((k) => ({ key: k, clean: cleanMetricName(k), value: named[k] }));
  last = { named, keys, values: keys.map((k) => named[k]), entries };
  return entries;
}

/** The first candidate name that finds a metric: exact, by alias, then by containment. */
export function lookupMetric(
  candidates: (string | null | undefined)[],
  named: Record<string, number>,
): { name: string; value: number } | null {
  const entries = entriesOf(named);
  for (const raw of candidates) {
    if (!raw) continue;
    const name = cleanMetricName(raw);
    if (!name) continue;
    const exact = entries.find((e) => e.clean === name);
    if (exact) return { name: exact.key, value: exact.value };
    const group = groupOf(name);
    if (group) {
      const alias = entries.find((e) => group.includes(e.clean));
      if (alias) return { name: alias.key, value: alias.value };
    }
    const contained = entries
      .filter((e) => e.clean.length >= MIN_CONTAINED && name.includes(e.clean))
      .sort((a, b) => b.clean.length - a.clean.length)[0];
    if (contained) return { name: contained.key, value: contained.value };
  }
  return null;
}
