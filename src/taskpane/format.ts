/** Number display in the pane: scores to at most 2 decimals, rates as 0.00%. Inputs are unrounded. */

/** 85.54 → "85.54", 38 → "38", 14.2 → "14.2"; null → "—". */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const rounded = Math.round((value + Number.EPSILON) * 100) / 100;
  return String(rounded);
}

/** 85.54 → "85.54" (always two decimals, for the total). */
export function formatTotal(value: number): string {
  return (Math.round((value + Number.EPSILON) * 100) / 100).toFixed(2);
}

/** 0.678 → "67.80%"; null → "—". */
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${(Math.round((value + Number.EPSILON) * 10000) / 100).toFixed(2)}%`;
}

/** A fraction as a percent number for a form field: 0.9 → "90", 0.075 → "7.5". */
export function toPercentText(fraction: number): string {
  return String(Math.round(fraction * 100 * 1e6) / 1e6);
}

/** A form field's text as a number: full-width digits, "%" and blanks tolerated; NaN when not a number. */
export function parseNumberText(text: string): number {
  const normalised = text
    .trim()
    .replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[%％]$/, "")
    .trim();
  if (normalised === "" || !/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(normalised)) return Number.NaN;
  return Number(normalised);
}
