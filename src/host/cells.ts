/**
 * The decisions every adapter makes about the user's cells, in one pure module (no host API): adapters
 * read what the cells hold, ask these functions, and write what they answer.
 *
 *   sameValue           two cell values are the same (numbers within Excel's 15 significant digits)
 *   mayWrite            may the add-in write this cell? empty, or ours per the ledger and unchanged;
 *                       with plan.overwrite also the user's, if unchanged since the read
 *   ledgerAfterRun      the ledger after a run: entries merged (first "previous" kept while the cell stays
 *                       ours; a cell the user changed since is dropped), marks replaced, summary kept
 *   undoRestores /      undo: which cells go back (those still holding what the add-in wrote) and to what
 *   undoTarget
 *   ledgerAfterUndo / ledgerAfterClearMarks / ledgerWithSummary
 *   summarySheetTarget  the summary sheet: the ledger's own sheet reused, else a free valid name
 *                       (问题汇总, 问题汇总 (2) …) — the one naming rule of every adapter
 *   SUMMARY_STYLES      the summary sheet's look (font, fill) per SummaryStyle, for the live hosts
 *   markGroups          the plan's marks per sheet and severity, the most severe of an area winning
 *   markerFormula / markerSeverity / MARK_FILL   how a mark is told from the user's formats
 *   sheetsToRefuse      the sheets an operation must refuse whole when one is protected
 *
 * A cell is described by what it holds (HeldCell). Formulas are text starting with "=".
 */
import { a1, rangeA1 } from "../engine/address";
import type {
  CellValue,
  Ledger,
  LedgerEntry,
  Severity,
  SummaryStyle,
  WorkbookSnapshot,
  WritePlan,
} from "../engine/types";
import { emptyLedger } from "./ledger";

/** What one cell holds as a host read it. */
export interface HeldCell {
  /** Its value (null when empty). For a formula cell, the formula's last result. */
  value: CellValue;
  /** The formula ("=…"), or null. */
  formula: string | null;
  /** Its number format ("General" when none), where the host read it. */
  format?: string;
}

// ───────────────────────────── values ─────────────────────────────

/** Two cell values are the same (numbers within Excel's 15 significant digits). */
export function sameValue(a: CellValue, b: CellValue): boolean {
  if (typeof a === "number" && typeof b === "number")
    return a === b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

/** A host's raw cell value as a CellValue: "" and undefined are empty; dates and others become text. */
export function toCellValue(value: unknown): CellValue {
  if (value === "" || value === undefined || value === null) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "string" || typeof value === "boolean") return value;
  return String(value);
}

/** A host's raw formula text as a formula, or null when the cell holds a constant. */
export function toFormula(formula: unknown): string | null {
  return typeof formula === "string" && formula.startsWith("=") && formula.length > 1 ? formula : null;
}

/** What the ledger keeps as a cell's earlier content: its formula, else its value. */
function heldValue(cell: HeldCell): CellValue {
  return cell.formula ?? cell.value;
}

/** The cell still holds what the add-in wrote there (no formula, the same value). */
function holdsOurs(cell: HeldCell, entry: LedgerEntry): boolean {
  return cell.formula === null && sameValue(entry.value, cell.value);
}

// ───────────────────────────── ledger by cell ─────────────────────────────

export const cellKey = (sheet: string, address: string): string => `${sheet}\u0000${address}`;

/** The ledger's entries by cellKey (a cell listed twice keeps its last entry). */
export function ledgerIndex(ledger: Ledger | null | undefined): Map<string, LedgerEntry> {
  return new Map((ledger?.entries ?? []).map((e) => [cellKey(e.sheet, e.address), e]));
}

/** What a cell held when the snapshot was read; null when that read did not see the sheet. */
export function heldAtRead(
  snapshot: WorkbookSnapshot | null | undefined,
  sheet: string,
  row: number,
  col: number,
): HeldCell | null {
  const s = snapshot?.sheets.find((x) => x.name === sheet);
  if (!s) return null;
  const r = row - s.top;
  const c = col - s.left;
  return { value: s.values[r]?.[c] ?? null, formula: s.formulas?.[r]?.[c] ?? null };
}

// ───────────────────────────── writing ─────────────────────────────

interface WriteCheck {
  /** plan.overwrite: the user's value or formula may be replaced while unchanged since the read. */
  overwrite?: boolean;
  /** What the cell held at the read (heldAtRead); null or absent when unknown. */
  atRead?: HeldCell | null;
}

/**
 * May the add-in write this cell now? Yes when it is empty (no formula), or when the ledger says the add-in
 * wrote it and it still holds that. With `overwrite`, also when it holds what it held at the read (or the
 * read did not see it) — a value typed since is never replaced.
 */
export function mayWrite(now: HeldCell, owned: LedgerEntry | undefined, check: WriteCheck = {}): boolean {
  if (check.overwrite) {
    const read = check.atRead;
    if (!read) return true;
    return read.formula === now.formula && (now.formula !== null || sameValue(read.value, now.value));
  }
  if (now.formula !== null) return false;
  if (now.value === null) return true;
  return owned !== undefined && sameValue(owned.value, now.value);
}

/** One target cell of a run, after the re-check. */
export interface WriteOutcome {
  sheet: string;
  row: number;
  col: number;
  /** What the plan writes. */
  value: CellValue;
  /** What the cell held just before (format where known). */
  before: HeldCell;
  /** mayWrite said yes, and the adapter writes it. */
  written: boolean;
}

/** The ledger entry for a cell written this run: the earlier entry's "previous" while the cell is still
 *  ours (a re-run keeps what the cell held before the first run), else what it held just now. */
function entryAfterWrite(outcome: WriteOutcome, owned: LedgerEntry | undefined): LedgerEntry {
  if (owned && holdsOurs(outcome.before, owned)) return { ...owned, value: outcome.value };
  const entry: LedgerEntry = {
    sheet: outcome.sheet,
    address: a1(outcome.row, outcome.col),
    value: outcome.value,
    previous: heldValue(outcome.before),
  };
  if (outcome.before.format !== undefined) entry.previousFormat = outcome.before.format;
  return entry;
}

/**
 * The ledger after a run. Starts from the previous one's entries (a cell written before and not planned
 * now stays listed; undo re-checks it). A planned cell not written that the user has changed since the
 * add-in wrote it is the user's now and leaves the ledger; a written one gets entryAfterWrite. The marks
 * are this run's; the summary sheet stays known.
 */
export function ledgerAfterRun(
  previous: Ledger | null,
  outcomes: Iterable<WriteOutcome>,
  marks: { sheet: string; address: string }[],
  runAt: string,
): Ledger {
  const old = ledgerIndex(previous);
  if (old.size === 0) return firstLedger(previous, outcomes, marks, runAt);
  const entries = new Map(old);
  for (const o of outcomes) {
    const key = cellKey(o.sheet, a1(o.row, o.col));
    const owned = old.get(key);
    if (o.written) entries.set(key, entryAfterWrite(o, owned));
    else if (owned && !holdsOurs(o.before, owned)) entries.delete(key);
  }
  const ledger: Ledger = { version: 1, runAt, entries: [...entries.values()], marks };
  if (previous?.summarySheet !== undefined) ledger.summarySheet = previous.summarySheet;
  return ledger;
}

/** Rows and columns of a sheet, for firstLedger's cell numbers. */
const SHEET_ROWS = 1048576;
const SHEET_COLS = 16384;

/** ledgerAfterRun without earlier entries: only the cells written count, each keyed by a number
 *  (sheet, row, column) rather than a text key — the same entries in the same order (a cell planned
 *  twice keeps its last entry at its first place), without a string per cell. */
function firstLedger(
  previous: Ledger | null,
  outcomes: Iterable<WriteOutcome>,
  marks: { sheet: string; address: string }[],
  runAt: string,
): Ledger {
  const sheets = new Map<string, number>();
  const entries = new Map<number, LedgerEntry>();
  for (const o of outcomes) {
    if (!o.written) continue;
    let s = sheets.get(o.sheet);
    if (s === undefined) sheets.set(o.sheet, (s = sheets.size));
    entries.set((s * SHEET_ROWS + o.row) * SHEET_COLS + o.col, entryAfterWrite(o, undefined));
  }
  const ledger: Ledger = { version: 1, runAt, entries: [...entries.values()], marks };
  if (previous?.summarySheet !== undefined) ledger.summarySheet = previous.summarySheet;
  return ledger;
}

// ───────────────────────────── undo and clear ─────────────────────────────

/** Undo puts this cell back: it still holds what the add-in wrote. */
export function undoRestores(now: HeldCell, entry: LedgerEntry): boolean {
  return holdsOurs(now, entry);
}

/** What undo writes back into a cell: its earlier value or formula (null = empty) and number format
 *  (undefined = leave the format alone). */
export function undoTarget(entry: LedgerEntry): {
  value: CellValue;
  formula: string | null;
  format?: string;
} {
  const formula = toFormula(entry.previous);
  return {
    value: formula === null ? entry.previous : null,
    formula,
    ...(entry.previousFormat !== undefined ? { format: entry.previousFormat } : {}),
  };
}

/** The ledger after undo: nothing written, nothing marked; the summary sheet stays known. */
export function ledgerAfterUndo(ledger: Ledger, runAt: string): Ledger {
  return { ...ledger, entries: [], marks: [], runAt };
}

/** The ledger after 清除标记: the cells stay the add-in's, the marks are forgotten. */
export function ledgerAfterClearMarks(ledger: Ledger): Ledger {
  return { ...ledger, marks: [] };
}

/** The marks 清除标记 removes and counts: those on sheets still in the workbook. */
export function marksToClear(
  ledger: Ledger,
  sheetNames: Iterable<string>,
): { sheet: string; address: string }[] {
  const names = new Set(sheetNames);
  return ledger.marks.filter((m) => names.has(m.sheet));
}

/** The sheets an operation touches, of which one protected refuses the whole operation (named). */
export function sheetsToRefuse(what: { plan: WritePlan } | { undo: Ledger } | { clear: Ledger }): string[] {
  // one set filled in order (no array of every write's sheet first)
  const names = new Set<string>();
  if ("plan" in what) {
    for (const s of what.plan.sheets) names.add(s);
    for (const w of what.plan.writes) names.add(w.sheet);
    return [...names];
  }
  if ("undo" in what) {
    for (const e of what.undo.entries) names.add(e.sheet);
    for (const m of what.undo.marks) names.add(m.sheet);
    return [...names];
  }
  return [...new Set(what.clear.marks.map((m) => m.sheet))];
}

/** The first of `sheets` that exists and is protected, or null. */
export function firstProtected(
  sheets: string[],
  isProtected: (sheet: string) => boolean | undefined,
): string | null {
  for (const sheet of sheets) if (isProtected(sheet) === true) return sheet;
  return null;
}

// ───────────────────────────── text ─────────────────────────────

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32767;
export const TRUNCATED_MARK = "…（已截断）";

/** Text as a cell can hold it: cut to Excel's 32,767 characters with a visible "…（已截断）" (never
 *  splitting a surrogate pair). */
export function fitCellText(text: string): string {
  if (text.length <= MAX_CELL_CHARS) return text;
  let end = MAX_CELL_CHARS - TRUNCATED_MARK.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + TRUNCATED_MARK;
}

// ───────────────────────────── the summary sheet ─────────────────────────────

const FALLBACK_SHEET_NAME = "问题汇总";
const INVALID_SHEET_CHARS = /[:\\/?*[\]]/g;

/** A valid sheet name from any text: no `: \ / ? * [ ]`, no leading/trailing quote, 1–31 characters. */
export function validSheetName(name: string): string {
  let n = name
    .replace(INVALID_SHEET_CHARS, "_")
    .trim()
    .replace(/^'+|'+$/g, "");
  n = [...n].slice(0, 31).join("").replace(/'+$/g, "");
  return n === "" ? FALLBACK_SHEET_NAME : n;
}

/** The preferred name made valid, or "<name> (2)", "(3)" … — the first no existing sheet has
 *  (case-insensitive, as Excel and WPS compare sheet names). */
export function freeSheetName(preferred: string, existing: string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const base = validSheetName(preferred);
  if (!taken.has(base.toLowerCase())) return base;
  for (let k = 2; ; k++) {
    const suffix = ` (${k})`;
    const name = [...base].slice(0, 31 - suffix.length).join("") + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** Where the summary goes: the sheet the ledger names, when it still exists (cleared and reused, never
 *  deleted), else a new sheet under a free name — a user's sheet of the preferred name is left alone. */
export function summarySheetTarget(
  preferred: string,
  existing: string[],
  ledger: Ledger | null,
): { name: string; reuse: boolean } {
  const ours = ledger?.summarySheet;
  if (ours !== undefined && existing.includes(ours)) return { name: ours, reuse: true };
  return { name: freeSheetName(preferred, existing), reuse: false };
}

/** How a summary cell of one style looks (colours "#RRGGBB"). */
export interface SummaryStyleSpec {
  bold?: boolean;
  size?: number;
  color?: string;
  underline?: boolean;
  fill?: string;
}

/** The summary sheet's look in Excel and WPS alike (styles absent here are plain). */
export const SUMMARY_STYLES: Readonly<Partial<Record<SummaryStyle, Readonly<SummaryStyleSpec>>>> = {
  title: { bold: true, size: 16 },
  subtitle: { bold: true, size: 12 },
  header: { bold: true, fill: "#DDEBF7" },
  total: { bold: true },
  category: { bold: true },
  note: { color: "#595959" },
  link: { color: "#0563C1", underline: true },
};

/** The ledger once the summary sheet `name` exists. */
export function ledgerWithSummary(ledger: Ledger | null, name: string): Ledger {
  return { ...(ledger ?? emptyLedger()), summarySheet: name };
}

// ───────────────────────────── marks ─────────────────────────────

/** Marks are conditional formats whose rule formula carries this tag, so they are found again and only
 *  they are removed; the user's fills, fonts and own conditional formats stay. */
const MARKER_TAG = "绩效评价助手|";

/** Fill colours of the marks (#RRGGBB). */
export const MARK_FILL: Record<Severity, string> = {
  error: "#F8D7DA",
  warning: "#FFF3CD",
  info: "#DDEBF7",
};

/** =AND(TRUE,"绩效评价助手|<severity>|<id>"<>"") — always true; <id> (run token + counter) makes each one
 *  distinct, so a format reached through two overlapping ranges is deleted once, and a run's marks are
 *  told from the previous run's. */
export function markerFormula(severity: Severity, id: string): string {
  return `=AND(TRUE,"${MARKER_TAG}${severity}|${id}"<>"")`;
}

/** The severity of one of our marker formulas, or null for any other formula. */
export function markerSeverity(formula: string | null | undefined): Severity | null {
  if (typeof formula !== "string") return null;
  const at = formula.indexOf(MARKER_TAG);
  if (at < 0) return null;
  const rest = formula.slice(at + MARKER_TAG.length);
  const severity = rest.slice(0, rest.indexOf("|"));
  return severity === "error" || severity === "warning" || severity === "info" ? severity : null;
}

/** Numbers the marks of one run: "<token>.<n>". */
export class MarkIds {
  private n = 0;
  constructor(private readonly token: string) {}
  next(): string {
    return `${this.token}.${this.n++}`;
  }
}

/** A short token for a run's marks, from its time. */
export function runToken(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t.toString(36) : "0";
}

export interface MarkGroup {
  sheet: string;
  severity: Severity;
  addresses: string[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** The plan's marks per sheet and severity, one per area (the most severe wins), on `usable` sheets
 *  only; `areas` counts them. */
export function markGroups(
  plan: WritePlan,
  usable: (sheet: string) => boolean,
): { groups: MarkGroup[]; areas: number } {
  const bySheet = new Map<string, Map<string, Severity>>();
  for (const m of plan.marks) {
    if (!usable(m.sheet)) continue;
    let best = bySheet.get(m.sheet);
    if (!best) bySheet.set(m.sheet, (best = new Map()));
    const address = rangeA1(m.range);
    const known = best.get(address);
    if (!known || SEVERITY_RANK[m.severity] > SEVERITY_RANK[known]) best.set(address, m.severity);
  }
  const groups: MarkGroup[] = [];
  let areas = 0;
  for (const [sheet, best] of bySheet) {
    areas += best.size;
    for (const severity of ["error", "warning", "info"] as Severity[]) {
      const addresses = [...best].filter(([, s]) => s === severity).map(([a]) => a);
      if (addresses.length) groups.push({ sheet, severity, addresses });
    }
  }
  return { groups, areas };
}

/** The ledger's list of this run's marked areas. */
export function markedAreas(groups: MarkGroup[]): { sheet: string; address: string }[] {
  return groups.flatMap((g) => g.addresses.map((address) => ({ sheet: g.sheet, address })));
}

// ───────────────────────────── settings ─────────────────────────────

/** Settings stored as JSON text (or, from older hosts, as the object itself); null when unreadable. */
export function parseSettings<T extends object>(value: unknown): Partial<T> | null {
  let data = value;
  if (typeof value === "string") {
    try {
      data = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Partial<T>) : null;
}
