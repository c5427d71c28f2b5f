/**
 * The ledger's storage format: what the add-in wrote on its last run, kept in the workbook (Office
 * workbook settings, or a very-hidden sheet for .xlsx files) so the next run can tell its own cells from
 * the user's, undo a run and find its marks again.
 *
 * Format (JSON, versioned, compact — sheet names appear once, cells are grouped into runs):
 *
 *   { "v": 1, "t": "<runAt ISO>", "sum"?: "<summary sheet>",
 *     "s": [ { "n": "<sheet>", "r": [<run>…], "m"?: ["I5:I26", …] }, … ] }
 *
 *   run = { "a": "I5",            start cell
 *           "d"?: "r",            direction: absent = down a column, "r" = along a row
 *           "v": <packed>,        what the add-in wrote, one per cell
 *           "p"?: <packed>,       previous values (absent = all empty)
 *           "f"?: (string|null)[] | string }   previous number formats (absent = unknown; a string = same for all)
 *
 *   packed = CellValue[]  |  "f64:<base64 of little-endian float64s>"  (for long runs of numbers, whichever
 *            is shorter — 100k unrounded rates take ~1.07 MB instead of ~1.9 MB of decimal text).
 *
 * Entries come back grouped by sheet (in order of first appearance) and by run; a cell listed twice keeps
 * its last entry.
 */
import { a1, parseCell } from "../engine/address";
import type { CellValue, Ledger, LedgerEntry } from "../engine/types";

export const LEDGER_SETTING_KEY = "perfEval.ledger";
export const SETTINGS_KEY = "perfEval.settings";
const LEDGER_FORMAT_VERSION = 1;
/** Where the file adapters (.xlsx, WPS) keep it: a very-hidden sheet, the ledger in column A and the
 *  settings in column B, each split into cells of CHUNK characters (below Excel's 32,767 limit). */
export const LEDGER_SHEET = "_绩效评价助手";
export const CHUNK = 32000;

type Packed = CellValue[] | string;

interface StoredRun {
  a: string;
  d?: "r";
  v: Packed;
  p?: Packed;
  f?: (string | null)[] | string;
}

interface StoredSheet {
  n: string;
  r: StoredRun[];
  m?: string[];
}

const F64_PREFIX = "f64:";

// ───────────────────────────── base64 of float64 (no Node/DOM APIs) ─────────────────────────────

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX: Record<string, number> = Object.fromEntries([...B64].map((ch, i) => [ch, i]));

const B64_CODES = Uint8Array.from(B64, (ch) => ch.charCodeAt(0));
const PAD = 61; /* = */
/** Characters turned into text at once (String.fromCharCode's arguments). */
const CHARS_PER_PIECE = 8192;

function encodeFloat64(values: number[]): string {
  const view = new DataView(new ArrayBuffer(values.length * 8));
  values.forEach((x, i) => view.setFloat64(i * 8, x, true));
  const bytes = new Uint8Array(view.buffer);
  // the base64 text as character codes first, then as text piece by piece (not a string per character)
  const codes = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let k = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i];
    const b1 = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    codes[k++] = B64_CODES[(n >> 18) & 63];
    codes[k++] = B64_CODES[(n >> 12) & 63];
    codes[k++] = i + 1 < bytes.length ? B64_CODES[(n >> 6) & 63] : PAD;
    codes[k++] = i + 2 < bytes.length ? B64_CODES[n & 63] : PAD;
  }
  const pieces: string[] = [];
  for (let i = 0; i < codes.length; i += CHARS_PER_PIECE)
    pieces.push(String.fromCharCode(...codes.subarray(i, i + CHARS_PER_PIECE)));
  return pieces.join("");
}

/** null when the text is not valid base64 of whole float64s, or holds a non-finite number. */
function decodeFloat64(text: string): number[] | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const byteCount = (text.length / 4) * 3 - padding;
  if (byteCount % 8 !== 0) return null;
  const bytes = new Uint8Array(byteCount);
  let k = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = text[i + j];
      const isPad = ch === "=" && i + 4 === text.length && j >= 4 - padding;
      const digit = isPad ? 0 : B64_INDEX[ch];
      if (digit === undefined) return null;
      n = (n << 6) | digit;
    }
    if (k < byteCount) bytes[k++] = (n >> 16) & 255;
    if (k < byteCount) bytes[k++] = (n >> 8) & 255;
    if (k < byteCount) bytes[k++] = n & 255;
  }
  const view = new DataView(bytes.buffer);
  const out: number[] = [];
  for (let i = 0; i < byteCount; i += 8) {
    const x = view.getFloat64(i, true);
    if (!Number.isFinite(x)) return null;
    out.push(x);
  }
  return out;
}

function pack(values: CellValue[]): Packed {
  const json = JSON.stringify(values);
  if (values.length >= 4 && values.every((x) => typeof x === "number" && Number.isFinite(x))) {
    const packedLength = F64_PREFIX.length + Math.ceil((values.length * 8) / 3) * 4 + 2;
    if (packedLength < json.length) return F64_PREFIX + encodeFloat64(values as number[]);
  }
  return values;
}

function isCellValue(x: unknown): x is CellValue {
  return (
    x === null ||
    typeof x === "string" ||
    typeof x === "boolean" ||
    (typeof x === "number" && Number.isFinite(x))
  );
}

function unpack(packed: unknown): CellValue[] | null {
  if (typeof packed === "string") {
    if (!packed.startsWith(F64_PREFIX)) return null;
    return decodeFloat64(packed.slice(F64_PREFIX.length));
  }
  if (!Array.isArray(packed) || !packed.every(isCellValue)) return null;
  return packed as CellValue[];
}

// ───────────────────────────── serialise ─────────────────────────────

interface Cell {
  row: number;
  col: number;
  entry: LedgerEntry;
}

function toRun(row: number, col: number, entries: LedgerEntry[], along: "col" | "row"): StoredRun {
  const n = entries.length;
  const values: CellValue[] = new Array<CellValue>(n);
  const previous: CellValue[] = new Array<CellValue>(n);
  const formats: (string | null)[] = new Array<string | null>(n);
  let anyPrevious = false;
  let anyFormat = false;
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    values[i] = e.value;
    if ((previous[i] = e.previous) !== null) anyPrevious = true;
    if ((formats[i] = e.previousFormat ?? null) !== null) anyFormat = true;
  }
  const run: StoredRun = { a: a1(row, col), v: pack(values) };
  if (along === "row") run.d = "r";
  if (anyPrevious) run.p = pack(previous);
  if (anyFormat) {
    const first = formats[0];
    run.f = first !== null && formats.every((f) => f === first) ? first : formats;
  }
  return run;
}

/** Rows per column in a cell's sort key (Excel has 1,048,576): key = column × ROWS + row. */
const ROWS = 1048576;

/** One column's cells, rows strictly ascending. */
interface Column {
  col: number;
  rows: number[];
  entries: LedgerEntry[];
}

/** Column runs first (outputs are columns); cells left alone are then joined along their rows.
 *  `columns` in column order. */
function runsOfColumns(columns: Column[]): StoredRun[] {
  const runs: StoredRun[] = [];
  const singles: Cell[] = [];
  for (const { col, rows, entries } of columns) {
    let start = 0;
    for (let i = 1; i <= rows.length; i++) {
      // the same column, next row
      if (i < rows.length && rows[i] === rows[i - 1] + 1) continue;
      if (i - start > 1) runs.push(toRun(rows[start], col, entries.slice(start, i), "col"));
      else singles.push({ row: rows[start], col, entry: entries[start] });
      start = i;
    }
  }
  singles.sort((x, y) => x.row - y.row || x.col - y.col);
  let current: Cell[] = [];
  const flush = () => {
    runs.push(
      toRun(
        current[0].row,
        current[0].col,
        current.map((c) => c.entry),
        current.length > 1 ? "row" : "col",
      ),
    );
    current = [];
  };
  for (const cell of singles) {
    const last = current[current.length - 1];
    if (last && !(last.row === cell.row && last.col + 1 === cell.col)) flush();
    current.push(cell);
  }
  if (current.length) flush();
  return runs;
}

/** runsOfColumns of `cells` by key (column × ROWS + row). */
function runsOf(cells: Map<number, LedgerEntry>): StoredRun[] {
  const keys = Float64Array.from(cells.keys()).sort();
  const columns: Column[] = [];
  for (const key of keys) {
    const row = key % ROWS;
    const col = (key - row) / ROWS;
    let last = columns[columns.length - 1];
    if (!last || last.col !== col) columns.push((last = { col, rows: [], entries: [] }));
    last.rows.push(row);
    last.entries.push(cells.get(key) as LedgerEntry);
  }
  return runsOfColumns(columns);
}

/** The stored form around its sheets (`body`, from ledgerBody): the same text JSON.stringify gives,
 *  keys in the order v, t, s, sum. */
function ledgerText(ledger: Ledger, body: string): string {
  const sum = ledger.summarySheet !== undefined ? `,"sum":${JSON.stringify(ledger.summarySheet)}` : "";
  return `{"v":${LEDGER_FORMAT_VERSION},"t":${JSON.stringify(ledger.runAt)},"s":${body}${sum}}`;
}

/** The stored form's sheets: `[…]`, the entries and marks by sheet. */
function ledgerBody(ledger: Ledger): string {
  // each sheet's cells by column, in the entries' order; `ordered` while every column's rows rise
  // (a run's entries come row by row): then they are the sorted, distinct cells as they are
  const sheets = new Map<string, { columns: Map<number, Column>; ordered: boolean; marks: string[] }>();
  const sheetOf = (name: string) => {
    let s = sheets.get(name);
    if (!s) sheets.set(name, (s = { columns: new Map(), ordered: true, marks: [] }));
    return s;
  };
  for (const entry of ledger.entries) {
    const { row, col } = parseCell(entry.address);
    const sheet = sheetOf(entry.sheet);
    let column = sheet.columns.get(col);
    if (!column) sheet.columns.set(col, (column = { col, rows: [], entries: [] }));
    const rows = column.rows;
    if (rows.length && rows[rows.length - 1] >= row) sheet.ordered = false;
    rows.push(row);
    column.entries.push(entry);
  }
  for (const mark of ledger.marks) sheetOf(mark.sheet).marks.push(mark.address);
  const stored: StoredSheet[] = [];
  for (const [name, sheet] of sheets) {
    let runs: StoredRun[];
    if (sheet.ordered) runs = runsOfColumns([...sheet.columns.values()].sort((a, b) => a.col - b.col));
    else {
      // a cell listed twice keeps its last entry: its column lists its entries in their order
      const cells = new Map<number, LedgerEntry>();
      for (const { col, rows, entries } of sheet.columns.values())
        for (let i = 0; i < rows.length; i++) cells.set(col * ROWS + rows[i], entries[i]);
      runs = runsOf(cells);
    }
    const s: StoredSheet = { n: name, r: runs };
    if (sheet.marks.length) s.m = sheet.marks;
    stored.push(s);
  }
  return JSON.stringify(stored);
}

export function serializeLedger(ledger: Ledger): string {
  return ledgerText(ledger, ledgerBody(ledger));
}

// ───────────────────────────── parse ─────────────────────────────

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function parseRun(sheet: string, run: unknown, out: LedgerEntry[]): boolean {
  if (!isObject(run) || typeof run.a !== "string") return false;
  let start: { row: number; col: number };
  try {
    start = parseCell(run.a);
  } catch {
    return false;
  }
  if (run.d !== undefined && run.d !== "r") return false;
  const values = unpack(run.v);
  if (!values || values.length === 0) return false;
  const previous = run.p === undefined ? values.map(() => null) : unpack(run.p);
  if (!previous || previous.length !== values.length) return false;
  let formats: (string | null)[];
  if (run.f === undefined) formats = values.map(() => null);
  else if (typeof run.f === "string") formats = values.map(() => run.f as string);
  else if (
    Array.isArray(run.f) &&
    run.f.length === values.length &&
    run.f.every((f) => f === null || typeof f === "string")
  )
    formats = run.f as (string | null)[];
  else return false;
  values.forEach((value, i) => {
    const row = run.d === "r" ? start.row : start.row + i;
    const col = run.d === "r" ? start.col + i : start.col;
    const entry: LedgerEntry = { sheet, address: a1(row, col), value, previous: previous[i] };
    if (formats[i] !== null) entry.previousFormat = formats[i] as string;
    out.push(entry);
  });
  return true;
}

/** The ledger stored in `text` (a JSON string, or the already-parsed object), or null when it is missing,
 *  of another version, or malformed in any way. Never throws. */
export function parseLedger(text: unknown): Ledger | null {
  let data: unknown = text;
  if (typeof text === "string") {
    try {
      data = JSON.parse(text);
    } catch {
      return null;
    }
  }
  if (
    !isObject(data) ||
    data.v !== LEDGER_FORMAT_VERSION ||
    typeof data.t !== "string" ||
    !Array.isArray(data.s)
  )
    return null;
  if (data.sum !== undefined && typeof data.sum !== "string") return null;
  const entries: LedgerEntry[] = [];
  const marks: { sheet: string; address: string }[] = [];
  for (const sheet of data.s) {
    if (!isObject(sheet) || typeof sheet.n !== "string" || sheet.n === "" || !Array.isArray(sheet.r))
      return null;
    const name = sheet.n;
    for (const run of sheet.r) if (!parseRun(name, run, entries)) return null;
    if (sheet.m !== undefined) {
      if (!Array.isArray(sheet.m) || !sheet.m.every((m) => typeof m === "string")) return null;
      for (const address of sheet.m as string[]) marks.push({ sheet: name, address });
    }
  }
  const ledger: Ledger = { version: 1, runAt: data.t, entries, marks };
  if (typeof data.sum === "string") ledger.summarySheet = data.sum;
  return ledger;
}

/** An empty ledger for a first run. */
export function emptyLedger(runAt: string = new Date().toISOString()): Ledger {
  return { version: 1, runAt, entries: [], marks: [] };
}
