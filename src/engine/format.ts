/**
 * The one display rule for the product's own numbers (the pane, the 问题汇总 sheet's text, the command
 * line, the report, the batch summary): a score (得分, a total, a subtotal) always with two decimals
 * ("38.00", "85.54"), a weight or maximum (分值, 满分) as the indicator table sets it, whole when whole
 * ("38.00 / 40", "2.91 / 2.5"), rates as 0.00%. Inputs are
 * unrounded; halves round away from zero. A user's own cell values are never passed through here —
 * they keep their own format.
 */

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return (Math.sign(value) * Math.round((Math.abs(value) + Number.EPSILON) * f)) / f;
}

/** A score or total: 85.54 → "85.54", 38 → "38.00", 14.200000000000001 → "14.20"; null → "—". */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const text = round(value, 2).toFixed(2);
  return text === "-0.00" ? "0.00" : text;
}

/** A weight or maximum (分值, 满分): 40 → "40", 2.5 → "2.50", 100.0000001 → "100"; null → "—". */
export function formatWeight(value: number | null | undefined): string {
  const text = formatScore(value);
  return text.endsWith(".00") ? text.slice(0, -3) : text;
}

/** A rate: 0.678 → "67.80%", 1.2090005 → "120.90%"; null → "—". */
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const text = round(value * 100, 2).toFixed(2);
  return `${text === "-0.00" ? "0.00" : text}%`;
}

/**
 * The mark between the items of a Chinese list: "、" between plain items, "；" as soon as one item holds a
 * "，" of its own (“财政拨款执行率120.90%，支出667.92万元”), where a 、 would read as part of that item.
 */
export function zhListSeparator(items: readonly string[]): "、" | "；" {
  return items.some((item) => item.includes("，")) ? "；" : "、";
}

/** A Chinese list of user-facing items, joined by zhListSeparator: "甲、乙、丙", or "甲，一；乙，二". */
export function joinZhList(items: readonly string[]): string {
  return items.join(zhListSeparator(items));
}

/** `template` with each `{name}` replaced by params[name]; a name not in params stays as written. The one
 *  filler of the product's message stores (the pane's dictionary, the command line's texts, the
 *  not-computed reasons); the rule catalogue's own adds number formats ({x.2}, {x%}). */
export function fillPlaceholders(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
