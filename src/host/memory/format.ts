/**
 * Number formats as Excel displays them, for the common codes the add-in and its users write:
 * General, "0", "0.00", "#,##0.00", "0%", "0.00%", "@" (text), and literal suffixes such as
 * `0.00"万元"`. Rounding is half up on the decimal digits (1.005 → "1.01"), as Excel shows it.
 */
import type { CellScalar } from "./workbook";

const ERRORS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
]);

export function isErrorText(value: unknown): boolean {
  return typeof value === "string" && ERRORS.has(value);
}

/** Round half up to `digits` decimals without binary surprises (1.005 → 1.01). */
function roundHalfUp(x: number, digits: number): number {
  const sign = x < 0 ? -1 : 1;
  const shifted = Number(`${Math.abs(x)}e${digits}`);
  return (sign * Math.round(shifted + 1e-9)) / 10 ** digits;
}

function fixed(x: number, digits: number, grouping: boolean): string {
  const r = roundHalfUp(x, digits);
  const text = Math.abs(r).toFixed(digits);
  const [int, frac] = text.split(".");
  const grouped = grouping ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : int;
  const body = frac !== undefined ? `${grouped}.${frac}` : grouped;
  return r < 0 && Number(text) !== 0 ? `-${body}` : body;
}

/** General: up to 11 significant characters, like Excel's default column display. */
function general(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e11) return String(x);
  if (Math.abs(x) >= 1e11 || (Math.abs(x) < 1e-9 && x !== 0))
    return x
      .toExponential(5)
      .replace(/\.?0+e/, "E")
      .replace("e", "E");
  const intDigits = Math.max(1, Math.floor(Math.log10(Math.abs(x))) + 1);
  const digits = Math.max(0, 10 - intDigits);
  return String(Number(x.toFixed(digits)));
}

/** The text Excel shows for a value under a number format. */
export function formatValue(value: CellScalar | null, numberFormat?: string): string {
  if (value === null || value === "") return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  const fmt = (numberFormat ?? "General").split(";")[0];
  if (fmt === "General" || fmt === "" || fmt === "@") return general(value);
  // Literal text in quotes is kept around the number ("0.00\"万元\"").
  const literal = /"([^"]*)"/g;
  const prefixSuffix = fmt.replace(literal, "\uE000$1\uE000");
  const m = /([#0,]*0[#0,]*|#[#,]*)(\.(0+|#+))?(%?)/.exec(prefixSuffix);
  if (!m) return general(value);
  const decimals = m[3] ? m[3].length : 0;
  const percent = m[4] === "%";
  const grouping = m[1].includes(",");
  const number = fixed(percent ? value * 100 : value, decimals, grouping) + (percent ? "%" : "");
  const before = prefixSuffix.slice(0, m.index).replace(/\uE000/g, "");
  const after = prefixSuffix.slice(m.index + m[0].length).replace(/\uE000/g, "");
  return `${before}${number}${after}`;
}
