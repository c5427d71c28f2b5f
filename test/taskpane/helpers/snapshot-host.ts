/**
 * A workbook host for pane tests that hands the pane a snapshot and records what the pane asks of it
 * (the settings it saves, the cells it selects); writes are counted, not made.
 */
import type { ApplyResult, WorkbookHost } from "../../../src/host/port";
import type { EvalConfig, SummarySheet, WorkbookSnapshot, WritePlan } from "../../../src/engine/types";

export class SnapshotHost implements WorkbookHost {
  settings: Partial<EvalConfig> | null = null;
  readonly saved: Partial<EvalConfig>[] = [];
  readonly selected: string[] = [];
  constructor(public snapshot: WorkbookSnapshot) {}
  async readSnapshot(): Promise<WorkbookSnapshot> {
    return this.snapshot;
  }
  async applyPlan(plan: WritePlan): Promise<ApplyResult> {
    return { written: plan.writes.length, marked: plan.marks.length, sheets: plan.sheets };
  }
  async insertSummary(summary: SummarySheet): Promise<{ sheet: string }> {
    return { sheet: summary.name };
  }
  async select(sheet: string, cell: string): Promise<void> {
    this.selected.push(`${sheet}!${cell}`);
  }
  async clearMarks(): Promise<number> {
    return 0;
  }
  async undoLastRun(): Promise<number> {
    return 0;
  }
  async loadSettings(): Promise<Partial<EvalConfig> | null> {
    return this.settings;
  }
  async saveSettings(config: Partial<EvalConfig>): Promise<void> {
    this.saved.push(config);
    this.settings = config;
  }
}
