/**
 * The host port: the only thing the use-cases and the task pane know about a workbook. Adapters:
 * Office.js (./office, the add-in), .xlsx files (./xlsx, the command line), and the in-memory Excel
 * (./memory) which the Office.js adapter runs against in tests and in the browser demo.
 */
import type { EvalConfig, SummarySheet, WorkbookSnapshot, WritePlan } from "../engine/types";

export type ReadProgress = (done: number, total: number) => void;

export interface ApplyResult {
  /** Cells written. */
  written: number;
  /** Areas marked. */
  marked: number;
  /** Sheets written into. */
  sheets: string[];
}

export interface WorkbookHost {
  /** Every sheet's used range (values, formulas, merges), plus the ledger of the last run. */
  readSnapshot(onProgress?: ReadProgress): Promise<WorkbookSnapshot>;
  /** Write the plan's cells and marks and record them in the ledger. All or nothing: on failure the
   *  host restores what it wrote and throws a HostError. */
  applyPlan(plan: WritePlan): Promise<ApplyResult>;
  /** Create (or clear and reuse) the add-in's summary sheet; returns the sheet's actual name. */
  insertSummary(summary: SummarySheet): Promise<{ sheet: string }>;
  /** Select (and show) a cell or range, e.g. a finding's cell. */
  select(sheet: string, address: string): Promise<void>;
  /** Remove every mark the add-in made; returns how many areas were cleared. */
  clearMarks(): Promise<number>;
  /** Restore every cell the last run wrote to what it held before; returns how many cells. */
  undoLastRun(): Promise<number>;
  /** Settings saved in the workbook (null when none). */
  loadSettings(): Promise<Partial<EvalConfig> | null>;
  saveSettings(config: Partial<EvalConfig>): Promise<void>;
  /** Whether the page may hand the user a file to download (Office on Mac and iPad blocks downloads
   *  from a task pane). Absent: allowed. */
  downloadsAllowed?(): boolean;
}

export type HostErrorCode =
  "NoExcel" | "SheetProtected" | "SyncFailed" | "TooLarge" | "NotFound" | "Unreadable" | "WouldLoseContent";

/** A failure the user can act on: the message names the sheet and cell where there is one. */
export class HostError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
    readonly sheet?: string,
    readonly cell?: string,
  ) {
    super(message);
    this.name = "HostError";
  }
}
