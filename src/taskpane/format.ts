/** Form fields in the pane: percents as text and back. Scores and rates are displayed with the engine's
 *  one rule (src/engine/format.ts). */

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
