/**
 * PatchHost: the WorkbookHost of the command line, over a package opened by ./open (the sparse read).
 * applyPlan, insertSummary, undoLastRun, clearMarks and saveSettings only record edits — which cells
 * hold what, which marks, the summary, the ledger — decided by ../cells as in every adapter; save()
 * writes the copy: every entry of the input not edited is copied with its compressed bytes as they are
 * (./archive writeArchive), the scored sheets are patched as text (./patch-sheet), the style sheet gets
 * the records it lacks (./patch-styles), the workbook, its relationships and the content types get the
 * new sheets (./patch-book), and the summary and ledger sheets are the copy's own parts
 * (./patch-summary). Nothing of the user's is re-rendered, so nothing of it can be lost.
 */
import { a1, parseCell } from "../../engine/address";
import type {
  CellValue,
  EvalConfig,
  Ledger,
  SheetSnapshot,
  SummarySheet,
  WorkbookSnapshot,
  WritePlan,
} from "../../engine/types";
import {
  MARK_FILL,
  MarkIds,
  cellKey,
  firstProtected,
  fitCellText,
  freeSheetName,
  heldAtRead,
  ledgerAfterClearMarks,
  ledgerAfterRun,
  ledgerAfterUndo,
  ledgerIndex,
  ledgerWithSummary,
  markGroups,
  markedAreas,
  markerFormula,
  marksToClear,
  mayWrite,
  runToken,
  sheetsToRefuse,
  summarySheetTarget,
  undoRestores,
  undoTarget,
  type HeldCell,
  type WriteOutcome,
} from "../cells";
import { LocalizedHostError, missingSheetError, protectedSheetError } from "../errors";
import { serializeLedger } from "../ledger";
import type { ApplyResult, ReadProgress, WorkbookHost } from "../port";
import { writeArchive, type OutputPart } from "./archive";
import { formatOfStyle, STYLES_REL } from "./book";
import { LEDGER_SHEET } from "./names";
import type { OpenedSheet, OpenedWorkbook } from "./open";
import { freePartName, patchBook, STYLES_TYPE, type NewPart, type NewSheet } from "./patch-book";
import { COLS, ColumnStyles, LayoutIndex, markFormatting, patchSheet, type CellContent } from "./patch-sheet";
import { DEFAULT_STYLES, StylePatch } from "./patch-styles";
import { ledgerSheetXml, summarySheetXml } from "./patch-summary";

/** Areas per conditional format (a long sqref list is split). */
const AREAS_PER_FORMAT = 100;

function argb(hex: string): string {
  return `FF${hex.replace(/^#/, "").toUpperCase()}`;
}

interface SheetState {
  opened: OpenedSheet;
  index: LayoutIndex | null;
  /** The input's text, read when first needed (a new cell's style, the patch). */
  xml: string | null;
  cols: ColumnStyles | null;
  cells: Map<number, CellContent>;
  clearMarks: boolean;
  marks: { severity: keyof typeof MARK_FILL; addresses: string[] }[];
}

export class PatchHost implements WorkbookHost {
  /** The last select() call, for callers (and tests) to inspect. */
  selection: { sheet: string; address: string } | null = null;

  private readonly sheets = new Map<string, SheetState>();
  private ledger: Ledger | null;
  private settings: Partial<EvalConfig> | null;
  private ledgerDirty = false;
  private summary: { name: string; sheet: SummarySheet; reuse: OpenedSheet | null } | null = null;
  private styles: StylePatch | null = null;
  private runCounter = 0;

  constructor(
    readonly opened: OpenedWorkbook,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {
    for (const s of opened.sheets)
      this.sheets.set(s.entry.name, {
        opened: s,
        index: null,
        xml: null,
        cols: null,
        cells: new Map(),
        clearMarks: false,
        marks: [],
      });
    this.ledger = opened.ledger;
    this.settings = opened.settings;
  }

  // ───────────────────────────── reading ─────────────────────────────

  private isLedgerSheet(name: string): boolean {
    return this.opened.ledgerSheet?.entry.name === name;
  }

  private userSheet(name: string): SheetState | undefined {
    return this.isLedgerSheet(name) ? undefined : this.sheets.get(name);
  }

  private isProtected(name: string): boolean | undefined {
    const s = this.userSheet(name);
    return s ? s.opened.snapshot.protected === true : undefined;
  }

  private async text(state: SheetState): Promise<string> {
    if (state.xml === null) state.xml = (await this.opened.book.archive.text(state.opened.part)) as string;
    return state.xml;
  }

  private stylePatch(): StylePatch {
    if (!this.styles) this.styles = new StylePatch(this.opened.styles?.xml ?? DEFAULT_STYLES);
    return this.styles;
  }

  /** What a cell holds now: this session's edit, else the read. */
  private held(state: SheetState, row: number, col: number): HeldCell & { style: number } {
    const edit = state.cells.get(row * COLS + col);
    const styles = this.opened.styles;
    if (edit)
      return {
        value: edit.value,
        formula: edit.formula,
        style: edit.style,
        format: this.formatName(edit.style),
      };
    const snap = state.opened.snapshot;
    const r = row - snap.top;
    const c = col - snap.left;
    const value = snap.values[r]?.[c] ?? null;
    const formula = snap.formulas?.[r]?.[c] ?? null;
    const index = (state.index ??= new LayoutIndex(state.opened.layout));
    const at = index.cell(row, col);
    const style = at >= 0 ? state.opened.layout.cellStyle[at] : -1;
    return { value, formula, style, format: formatOfStyle(styles, Math.max(0, style)) };
  }

  private formatName(style: number): string {
    const styles = this.opened.styles;
    if (!this.styles || style < (styles?.xfFormats.length ?? 0)) return formatOfStyle(styles, style);
    // a style this session added: its format is the one it was made for
    return this.addedFormats.get(style) ?? "General";
  }

  private readonly addedFormats = new Map<number, string>();

  /** The style a cell gets: its own (or a new cell's row or column style), with `format` when given. */
  private async styleFor(
    state: SheetState,
    row: number,
    col: number,
    style: number,
    format?: string,
  ): Promise<number> {
    return this.styleWith(state, style < 0 ? await this.text(state) : "", row, col, style, format);
  }

  /** styleFor once the sheet's text is read (`xml`, needed only for a cell without a style). */
  private styleWith(
    state: SheetState,
    xml: string,
    row: number,
    col: number,
    style: number,
    format?: string,
  ): number {
    let base = style;
    if (base < 0) {
      state.cols ??= new ColumnStyles(xml, state.opened.layout);
      base = (state.index ??= new LayoutIndex(state.opened.layout)).styleAt(row, col, xml, state.cols);
    }
    return this.withFormat(base, format);
  }

  /** Style `base` with number format `format` (`base` itself without one). */
  private withFormat(base: number, format: string | undefined): number {
    if (format === undefined) return base;
    const id = this.stylePatch().withFormat(base, format);
    if (id >= (this.opened.styles?.xfFormats.length ?? 0)) this.addedFormats.set(id, format);
    return id;
  }

  /** The style undo gives a cell of style `style` whose format was `format` before the add-in wrote it:
   *  the one it had then where the style sheet shows it (no `s` for a cell that had none). */
  private restoredStyle(style: number, format: string): number {
    const id = this.stylePatch().restoreFormat(style, format);
    if (id >= (this.opened.styles?.xfFormats.length ?? 0)) this.addedFormats.set(id, format);
    return id;
  }

  async readSnapshot(onProgress?: ReadProgress): Promise<WorkbookSnapshot> {
    const sheets: SheetSnapshot[] = [];
    for (const [name, state] of this.sheets) {
      if (this.isLedgerSheet(name)) continue;
      sheets.push(state.cells.size ? withEdits(state.opened.snapshot, state.cells) : state.opened.snapshot);
    }
    if (this.summary && !this.summary.reuse)
      sheets.push({ name: this.summary.name, top: 0, left: 0, values: [], merges: [] });
    onProgress?.(sheets.length, sheets.length);
    const snapshot: WorkbookSnapshot = { sheets };
    if (this.ledger) snapshot.ledger = this.ledger;
    return snapshot;
  }

  // ───────────────────────────── writing ─────────────────────────────

  private refuseMissing(names: string[]): void {
    for (const name of names) if (!this.userSheet(name)) throw missingSheetError(name);
  }

  async applyPlan(plan: WritePlan): Promise<ApplyResult> {
    const names = sheetsToRefuse({ plan });
    this.refuseMissing([...names, ...plan.marks.map((m) => m.sheet)]);
    const refused = firstProtected(names, (s) => this.isProtected(s));
    if (refused !== null) throw protectedSheetError(refused);
    for (const w of plan.writes)
      if (!(
        Number.isInteger(w.row) &&
        Number.isInteger(w.col) &&
        w.row >= 0 &&
        w.col >= 0 &&
        w.row < 1048576 &&
        w.col < COLS
      ))
        throw new LocalizedHostError(
          "NotFound",
          {
            "zh-CN": `写入位置无效：工作表“${w.sheet}”第 ${w.row + 1} 行第 ${w.col + 1} 列。未写入任何内容。`,
            "en-US": `Invalid write position: sheet "${w.sheet}", row ${w.row + 1}, column ${w.col + 1}. Nothing was written.`,
          },
          w.sheet,
        );
      else if (typeof w.value === "number" && !Number.isFinite(w.value))
        throw new LocalizedHostError(
          "SyncFailed",
          {
            "zh-CN": `拒绝写入非有限数值：“${w.sheet}”!${a1(w.row, w.col)}。未写入任何内容。`,
            "en-US": `Refused to write a non-finite number to "${w.sheet}"!${a1(w.row, w.col)}. Nothing was written.`,
          },
          w.sheet,
          a1(w.row, w.col),
        );

    const previous = this.ledger;
    const owned = ledgerIndex(previous);
    const overwrite = plan.overwrite === true;
    const outcomes: WriteOutcome[] = [];
    // the writes to make, as indices into plan.writes and the cells' styles (no object per write)
    const todo: number[] = [];
    const todoStyle: number[] = [];
    const sheetsWritten = new Set<string>();
    const writes = plan.writes;
    for (let i = 0; i < writes.length; i++) {
      const w = writes[i];
      const state = this.sheets.get(w.sheet) as SheetState;
      const before = this.held(state, w.row, w.col);
      const masters = state.opened.layout.sharedMasters;
      const at = masters.size ? (state.index?.cell(w.row, w.col) ?? -1) : -1;
      const writable =
        !(at >= 0 && masters.has(at)) &&
        mayWrite(before, owned.size ? owned.get(cellKey(w.sheet, a1(w.row, w.col))) : undefined, {
          overwrite,
          atRead: overwrite ? heldAtRead(this.opened.snapshot, w.sheet, w.row, w.col) : null,
        });
      // `before` as held() gave it (its style is the host's own; the ledger reads value, formula, format)
      outcomes.push({ sheet: w.sheet, row: w.row, col: w.col, value: w.value, before, written: writable });
      if (!writable) continue;
      todo.push(i);
      todoStyle.push(before.style);
      sheetsWritten.add(w.sheet);
    }
    // all checks done: record the edits
    for (let k = 0; k < todo.length; k++) {
      const w = writes[todo[k]];
      const state = this.sheets.get(w.sheet) as SheetState;
      const before = todoStyle[k];
      // the sheet's text read once, not awaited per cell
      const xml = before >= 0 ? "" : (state.xml ?? (await this.text(state)));
      const style = this.styleWith(state, xml, w.row, w.col, before, w.numberFormat);
      const value = typeof w.value === "string" ? fitCellText(w.value) : w.value;
      state.cells.set(w.row * COLS + w.col, { value, formula: null, style });
    }
    const usable = (sheet: string) => this.isProtected(sheet) === false;
    const { groups, areas } = markGroups(plan, usable);
    this.clearAllMarks();
    const runAt = this.now();
    const ids = new MarkIds(`${runToken(runAt)}${(this.runCounter++).toString(36)}`);
    for (const g of groups) {
      const state = this.sheets.get(g.sheet) as SheetState;
      for (let i = 0; i < g.addresses.length; i += AREAS_PER_FORMAT)
        state.marks.push({ severity: g.severity, addresses: g.addresses.slice(i, i + AREAS_PER_FORMAT) });
    }
    this.markIds = ids;
    this.ledger = ledgerAfterRun(previous, outcomes, markedAreas(groups), runAt);
    this.ledgerDirty = true;
    return { written: todo.length, marked: areas, sheets: [...sheetsWritten] };
  }

  private markIds = new MarkIds("0");

  /** Every mark goes: those of the input (conditional formats that are all marks) and this session's. */
  private clearAllMarks(): number {
    let cleared = 0;
    for (const state of this.sheets.values()) {
      const ours = state.opened.layout.cf.filter((cf) => cf.ours).length;
      if (ours && !state.clearMarks) {
        state.clearMarks = true;
        cleared += ours;
      }
      cleared += state.marks.length;
      state.marks = [];
    }
    return cleared;
  }

  async insertSummary(summary: SummarySheet): Promise<{ sheet: string }> {
    const names = [...this.sheets.keys()];
    if (this.summary && !this.summary.reuse) names.push(this.summary.name);
    let target = summarySheetTarget(summary.name, names, this.ledger);
    if (this.summary && !this.summary.reuse && target.name === this.summary.name)
      target = { name: target.name, reuse: false };
    let reuse: OpenedSheet | null = null;
    if (target.reuse) {
      const state = this.sheets.get(target.name);
      if (state && !this.isLedgerSheet(target.name)) {
        if (state.opened.snapshot.protected) throw protectedSheetError(target.name);
        reuse = state.opened;
      } else if (!(this.summary && this.summary.name === target.name))
        target = { name: freeSheetName(summary.name, names), reuse: false };
    }
    this.summary = { name: target.name, sheet: summary, reuse };
    this.ledger = ledgerWithSummary(this.ledger, target.name);
    this.ledgerDirty = true;
    return { sheet: target.name };
  }

  async select(sheet: string, address: string): Promise<void> {
    const known = this.userSheet(sheet) !== undefined || this.summary?.name === sheet;
    if (!known) throw missingSheetError(sheet);
    try {
      parseCell(address.includes(":") ? address.slice(0, address.indexOf(":")) : address);
    } catch {
      throw new LocalizedHostError(
        "NotFound",
        {
          "zh-CN": `地址无效：工作表“${sheet}”的“${address}”。`,
          "en-US": `Invalid address: "${address}" on sheet "${sheet}".`,
        },
        sheet,
        address,
      );
    }
    this.selection = { sheet, address };
  }

  async clearMarks(): Promise<number> {
    const ledger = this.ledger;
    if (ledger) {
      const refused = firstProtected(sheetsToRefuse({ clear: ledger }), (s) => this.isProtected(s));
      if (refused !== null) throw protectedSheetError(refused);
    }
    const cleared = this.clearAllMarks();
    if (!ledger) return cleared;
    const areas = marksToClear(ledger, this.sheets.keys()).length;
    if (ledger.marks.length) {
      this.ledger = ledgerAfterClearMarks(ledger);
      this.ledgerDirty = true;
    }
    return areas;
  }

  async undoLastRun(): Promise<number> {
    const ledger = this.ledger;
    if (!ledger || (ledger.entries.length === 0 && ledger.marks.length === 0)) return 0;
    const refused = firstProtected(sheetsToRefuse({ undo: ledger }), (s) => this.isProtected(s));
    if (refused !== null) throw protectedSheetError(refused);
    let restored = 0;
    for (const e of ledger.entries) {
      const state = this.userSheet(e.sheet);
      if (!state) continue;
      const { row, col } = parseCell(e.address);
      const now = this.held(state, row, col);
      if (!undoRestores(now, e)) continue;
      const target = undoTarget(e);
      const style =
        target.format !== undefined && now.style >= 0
          ? this.restoredStyle(now.style, target.format)
          : await this.styleFor(state, row, col, now.style, target.format);
      state.cells.set(row * COLS + col, { value: target.value, formula: target.formula, style });
      restored++;
    }
    this.clearAllMarks();
    this.ledger = ledgerAfterUndo(ledger, this.now());
    this.ledgerDirty = true;
    return restored;
  }

  async loadSettings(): Promise<Partial<EvalConfig> | null> {
    return this.settings;
  }

  async saveSettings(config: Partial<EvalConfig>): Promise<void> {
    this.settings = config;
    this.ledgerDirty = true;
  }

  // ───────────────────────────── the copy ─────────────────────────────

  /** The copy's bytes. */
  async package(): Promise<Uint8Array> {
    const { book } = this.opened;
    const archive = book.archive;
    archive.resetCount();
    const edited = new Map<string, string>();
    const taken = new Set(archive.names());
    const lowerTaken = new Set(archive.names().map((n) => n.toLowerCase()));
    const newSheets: NewSheet[] = [];
    const newParts: NewPart[] = [];
    const styles = () => this.stylePatch();

    // the scored sheets
    const dxf = new Map<string, number>();
    for (const [name, state] of this.sheets) {
      if (this.isLedgerSheet(name) || this.summary?.reuse === state.opened) continue;
      if (!state.cells.size && !state.clearMarks && !state.marks.length) continue;
      const layout = state.opened.layout;
      let priority = layout.maxPriority;
      const formats = state.marks.map((m) => {
        let id = dxf.get(m.severity);
        if (id === undefined) dxf.set(m.severity, (id = styles().fillDxf(argb(MARK_FILL[m.severity]))));
        return markFormatting(
          layout.prefix,
          m.addresses,
          id,
          ++priority,
          markerFormula(m.severity, this.markIds.next()),
        );
      });
      const xml = await this.text(state);
      edited.set(
        state.opened.part,
        patchSheet(xml, layout, {
          cells: state.cells,
          clearMarks: state.clearMarks,
          conditionalFormats: formats,
        }),
      );
      state.xml = null;
    }

    // the summary sheet
    if (this.summary) {
      const xml = summarySheetXml(this.summary.sheet, styles());
      if (this.summary.reuse) edited.set(this.summary.reuse.part, xml);
      else {
        const part = freePartName(lowerTaken, "xl/worksheets", "sheet", "xml");
        lowerTaken.add(part.toLowerCase());
        taken.add(part);
        edited.set(part, xml);
        newSheets.push({ name: this.summary.name, part });
      }
    }

    // the ledger sheet
    if (this.ledgerDirty) {
      const xml = ledgerSheetXml(
        this.ledger ? serializeLedger(this.ledger) : null,
        this.settings ? JSON.stringify(this.settings) : null,
      );
      const existing = this.opened.ledgerSheet;
      if (existing) edited.set(existing.part, xml);
      else {
        const names = [...this.sheets.keys(), ...newSheets.map((s) => s.name)];
        const name = freeSheetName(LEDGER_SHEET, names);
        const part = freePartName(lowerTaken, "xl/worksheets", "sheet", "xml");
        lowerTaken.add(part.toLowerCase());
        taken.add(part);
        edited.set(part, xml);
        newSheets.push({ name, part, state: "veryHidden" });
      }
    }

    // styles
    if (this.styles?.edited) {
      const xml = this.styles.result();
      if (book.stylesPart) edited.set(book.stylesPart, xml);
      else {
        const part = freePartName(lowerTaken, "xl", "styles", "xml").replace(/styles1\.xml$/, "styles.xml");
        edited.set(part, xml);
        taken.add(part);
        newParts.push({ part, type: STYLES_TYPE, rel: STYLES_REL });
      }
    }

    if (newSheets.length || newParts.length) {
      const patched = patchBook(book, newSheets, newParts);
      edited.set(book.workbookPart, patched.workbookXml);
      edited.set(book.workbookRelsPart, patched.relsXml);
      edited.set("[Content_Types].xml", patched.contentTypesXml);
    }

    const parts: OutputPart[] = [];
    for (const entry of archive.all) {
      const text = entry.directory ? undefined : edited.get(entry.filename);
      if (text !== undefined) {
        // every part edited was read through archive.text, which saw its byte-order mark
        const bom = archive.hadByteOrderMark(entry.filename) ? "\uFEFF" : "";
        parts.push({ name: entry.filename, data: bom + text });
        edited.delete(entry.filename);
      } else parts.push({ name: entry.filename, copy: entry });
    }
    for (const [name, text] of edited) parts.push({ name, data: text });
    return writeArchive(parts, archive);
  }

  /** Write the copy to `target` through `write` (the command line's safe writer). */
  async save(
    target: string,
    write: (target: string, data: Uint8Array) => Promise<void>,
  ): Promise<{ bytes: number }> {
    const data = await this.package();
    await write(target, data);
    return { bytes: data.length };
  }
}

/** A sheet's snapshot with this session's edits (the grid widened where a cell lies outside it). */
function withEdits(snap: SheetSnapshot, cells: Map<number, CellContent>): SheetSnapshot {
  let [top, left, bottom, right] = [
    snap.top,
    snap.left,
    snap.top + snap.values.length - 1,
    snap.left + (snap.values[0]?.length ?? 0) - 1,
  ];
  if (snap.values.length === 0) [top, left, bottom, right] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const key of cells.keys()) {
    const row = Math.floor(key / COLS);
    const col = key - row * COLS;
    top = Math.min(top, row);
    bottom = Math.max(bottom, row);
    left = Math.min(left, col);
    right = Math.max(right, col);
  }
  const height = bottom - top + 1;
  const width = right - left + 1;
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  let anyFormula = false;
  for (let r = 0; r < height; r++) {
    const row = new Array<CellValue>(width).fill(null);
    const frow = new Array<string | null>(width).fill(null);
    const src = snap.values[top + r - snap.top];
    const fsrc = snap.formulas?.[top + r - snap.top];
    if (src)
      for (let c = 0; c < src.length; c++) {
        row[snap.left + c - left] = src[c];
        const f = fsrc?.[c] ?? null;
        if (f !== null) {
          frow[snap.left + c - left] = f;
          anyFormula = true;
        }
      }
    values.push(row);
    formulas.push(frow);
  }
  for (const [key, content] of cells) {
    const row = Math.floor(key / COLS);
    const col = key - row * COLS;
    values[row - top][col - left] = content.value;
    formulas[row - top][col - left] = content.formula;
    if (content.formula !== null) anyFormula = true;
  }
  const out: SheetSnapshot = { ...snap, top, left, values };
  if (anyFormula) out.formulas = formulas;
  else delete out.formulas;
  return out;
}
