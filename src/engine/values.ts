/**
 * Reading one cell as a number, a target value or clean text.
 *
 * Cells arrive as numbers, strings, booleans or null (types.ts CellValue). Evaluators type numbers as
 * text all the time: `552.45`, `552.45万元`, `1,234.50`, full-width `５５２．４５`, `120.90%`, and
 * accounting negatives `(1,234.50)` (−1234.50). Blank markers (`-`, `—`, `/`, `－`) mean "unknown", never
 * zero. Nothing here ever returns NaN or Infinity.
 */
import type { CellValue } from "./types";

type NumberRead =
  | { kind: "number"; value: number; percent: boolean; unit?: string }
  | { kind: "blank" }
  | { kind: "error"; error: string }
  | { kind: "text"; text: string };

type TargetOp = "≥" | "≤" | "=";

export interface TargetValue {
  op: TargetOp | null;
  value: number | null;
  percent: boolean;
  unit: string | null;
}

const EXCEL_ERROR =
  /^#(?:DIV\/0!|N\/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA|EXTERNAL!|PYTHON!)$/i;

/** True for an Excel error value as hosts deliver it (`"#DIV/0!"`, `"#N/A"`, `"#REF!"` …). */
export function isExcelError(v: CellValue): boolean {
  return typeof v === "string" && v.includes("#") && EXCEL_ERROR.test(v.trim());
}

const WIDE_ALL = /[\uff01-\uff5e\u3000]/g;
const SPACES_ALL = /\s+/g;

/** True when a char code is whitespace (what \s matches, and control characters). */
export function isWhitespaceCode(c: number): boolean {
  return c === 32 || isOtherSpace(c);
}

/** True when a char code is whitespace other than the plain space. */
function isOtherSpace(c: number): boolean {
  return (
    c < 32 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Whether `s` needs whitespace work (leading/trailing/double spaces, tabs, line breaks …) or, with
 *  `wide`, full-width folding. A plain scan: most cells need nothing and are returned as they are. */
function needsWork(s: string, wide: boolean): boolean {
  const n = s.length;
  if (n === 0) return false;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return true;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return true;
      prevSpace = true;
      continue;
    }
    prevSpace = false;
    if (isOtherSpace(c) || (wide && c >= 0xff01 && c <= 0xff5e)) return true;
  }
  return false;
}

/** Full-width → half-width (digits, letters, punctuation incl. （）：％．，－), ideographic space → space,
 *  trimmed, inner whitespace collapsed to one space. */
export function normalizeText(s: string): string {
  if (!needsWork(s, true)) return s;
  const folded = s.replace(WIDE_ALL, (ch) =>
    ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
  return folded.replace(SPACES_ALL, " ").trim();
}

/** Whitespace collapsed and trimmed, widths kept. */
export function collapseSpaces(s: string): string {
  return needsWork(s, false) ? s.replace(SPACES_ALL, " ").trim() : s;
}

/** Text that stands for "no value": empty, whitespace, dashes, a slash. */
function isBlankMarker(s: string): boolean {
  return /^[-—–－―‐/／\\\s]*$/.test(s);
}

/** Money and score units accepted after a number by readNumber (counts like `个` are targets). */
const NUMBER_UNITS = ["万元", "亿元", "千元", "元", "分"];

// sign, digits (with optional thousands separators), fraction, exponent
const NUMBER_BODY = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?(?:[eE]([+-]?\d+))?$/;

/** Parse a plain numeric string (already normalised, no unit, no %). null when it is not one. */
function parsePlain(s: string): number | null {
  const t = /[\s−]/.test(s) ? s.replace(/[\s−]/g, (ch) => (ch === "−" ? "-" : "")) : s;
  const m = NUMBER_BODY.exec(t);
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  const value = Number(
    `${m[1]}${(m[2] ?? "0").replace(/,/g, "")}${m[3] ?? ""}${m[4] !== undefined ? `e${m[4]}` : ""}`,
  );
  return Number.isFinite(value) ? value : null;
}

/** Divide a decimal by 100 without binary noise where possible ("120.90" → 1.209). */
function fromPercent(value: number): number {
  const shifted = Number(`${value}e-2`);
  return Number.isFinite(shifted) ? shifted : value / 100;
}

/** Read a cell as a number. Numbers, numeric text with an optional money/score unit, percentages
 *  (`120.90%` → 1.209, percent true), accounting negatives in brackets (`(1,234.50)` → −1234.50).
 *  Blanks → blank; Excel errors → error; anything else → text. */
export function readNumber(v: CellValue): NumberRead {
  if (v === null || v === undefined) return { kind: "blank" };
  if (typeof v === "number") {
    if (Number.isFinite(v)) return { kind: "number", value: v, percent: false };
    return { kind: "error", error: "#NUM!" };
  }
  if (typeof v === "boolean") return { kind: "text", text: v ? "TRUE" : "FALSE" };
  const raw = v.trim();
  if (isExcelError(raw)) return { kind: "error", error: raw.toUpperCase() };
  const s = normalizeText(raw);
  if (isBlankMarker(s)) return { kind: "blank" };
  let body = s;
  let percent = false;
  let unit: string | undefined;
  if (body.endsWith("%")) {
    percent = true;
    body = body.slice(0, -1).trim();
  } else {
    for (const u of NUMBER_UNITS) {
      if (body.endsWith(u)) {
        unit = u;
        body = body.slice(0, -u.length).trim();
        break;
      }
    }
  }
  // accounting negatives: `(1,234.50)` (full-width brackets already folded) is −1234.50
  const accounting = body.length > 2 && body.charCodeAt(0) === 40 && body.charCodeAt(body.length - 1) === 41;
  if (accounting) {
    body = body.slice(1, -1).trim();
    if (/^[+\-−]/.test(body)) return { kind: "text", text: s };
  }
  const parsed = parsePlain(body);
  if (parsed === null) return { kind: "text", text: s };
  const value = accounting ? 0 - parsed : parsed; // 0 − x: `(0)` is 0, not −0
  if (percent) return { kind: "number", value: fromPercent(value), percent: true };
  return unit ? { kind: "number", value, percent: false, unit } : { kind: "number", value, percent: false };
}

const OP_WORDS: [RegExp, TargetOp][] = [
  [/^(?:>=|≥|≧|=>|>|不低于|不少于|不小于|大于等于|大于|高于|超过)/, "≥"],
  [/^(?:<=|≤|≦|=<|<|不高于|不多于|不大于|不超过|小于等于|小于|低于)/, "≤"],
  [/^(?:=|等于)/, "="],
];

/** Read a target or actual value: an optional comparison (`≥ ≤ =`, `>=`, `≧`, `不低于` …), a number,
 *  `%` or a unit (`个`, `万元`, `人次` …). `≥12个` → {op "≥", value 12, unit "个"}; `≥95%` →
 *  {op "≥", value 0.95, percent true, unit "%"}; `达成` → all null. */
export function readTargetValue(v: CellValue): TargetValue {
  const none: TargetValue = { op: null, value: null, percent: false, unit: null };
  if (v === null || typeof v === "boolean") return none;
  if (typeof v === "number") return Number.isFinite(v) ? { ...none, value: v } : none;
  if (isExcelError(v)) return none;
  let s = normalizeText(v);
  if (isBlankMarker(s)) return none;
  let op: TargetOp | null = null;
  for (const [re, o] of OP_WORDS) {
    const m = re.exec(s);
    if (m) {
      op = o;
      s = s.slice(m[0].length).trim();
      break;
    }
  }
  const m = /^([+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+\-−]?\.\d+)\s*(.*)$/.exec(s);
  if (!m) return { ...none, op };
  const value = parsePlain(m[1]);
  if (value === null) return { ...none, op };
  const rest = m[2].trim();
  if (rest.startsWith("%")) {
    const after = rest.slice(1).trim();
    return { op, value: fromPercent(value), percent: true, unit: after ? `%${after}` : "%" };
  }
  if (rest.startsWith("‰")) return { op, value: value / 1000, percent: true, unit: "‰" };
  return { op, value, percent: false, unit: rest === "" ? null : rest };
}

/** A cell as display text: trimmed, inner whitespace collapsed (widths kept); null when blank. */
export function cellText(v: CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : null;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  const s = collapseSpaces(v);
  return s === "" ? null : s;
}
