/**
 * XlsxHost: the WorkbookHost port over an in-memory ExcelJS workbook (the command line's host). Reading
 * and writing go through ./read and ./write; select() only records the selection (there is no screen);
 * settings live in the add-in's very-hidden sheet beside the ledger. Saving is ./package's job.
 */
import type ExcelJS from "exceljs";
import type { EvalConfig, SummarySheet, WorkbookSnapshot, WritePlan } from "../../engine/types";
import { HostError, type ApplyResult, type ReadProgress, type WorkbookHost } from "../port";
import { readSettings, writeSettings } from "./ledger-sheet";
import { workbookSnapshot } from "./read";
import {
  applyPlanToWorkbook,
  checkedCell,
  clearMarksAndLedger,
  undoLastRunInWorkbook,
  writeSummarySheet,
} from "./write";

export { saveWorkbookFile } from "./package";

export class XlsxHost implements WorkbookHost {
  /** The last select() call, for callers (and tests) to inspect. */
  selection: { sheet: string; address: string } | null = null;

  constructor(readonly workbook: ExcelJS.Workbook) {}

  async readSnapshot(onProgress?: ReadProgress): Promise<WorkbookSnapshot> {
    const snapshot = workbookSnapshot(this.workbook);
    onProgress?.(snapshot.sheets.length, snapshot.sheets.length);
    return snapshot;
  }

  async applyPlan(plan: WritePlan): Promise<ApplyResult> {
    return applyPlanToWorkbook(this.workbook, plan).result;
  }

  async insertSummary(summary: SummarySheet): Promise<{ sheet: string }> {
    return writeSummarySheet(this.workbook, summary);
  }

  async select(sheet: string, address: string): Promise<void> {
    if (!this.workbook.getWorksheet(sheet))
      throw new HostError("NotFound", `找不到工作表“${sheet}”。`, sheet, address);
    checkedCell(sheet, address);
    this.selection = { sheet, address };
  }

  async clearMarks(): Promise<number> {
    return clearMarksAndLedger(this.workbook);
  }

  async undoLastRun(): Promise<number> {
    return undoLastRunInWorkbook(this.workbook);
  }

  async loadSettings(): Promise<Partial<EvalConfig> | null> {
    return readSettings(this.workbook);
  }

  async saveSettings(config: Partial<EvalConfig>): Promise<void> {
    writeSettings(this.workbook, config);
  }
}
