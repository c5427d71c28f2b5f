/**
 * What the pane can do to a workbook: the use-cases bound to one WorkbookHost. Components receive a
 * PaneServices (React context) and never see Excel; src/taskpane/index.tsx creates the host once.
 * Component tests build the same services over a fake host.
 */
import type { ConfigError } from "../engine/config";
import type { EvalConfig, Evaluation, Lang, WritePlan } from "../engine/types";
import type { ApplyResult, WorkbookHost } from "../host/port";
import * as usecases from "../usecases";

export type Stage = "reading" | "scoring" | "writing" | "done";

export interface ScoreOutcome {
  evaluation: Evaluation;
  plan: WritePlan;
  applied: ApplyResult;
  /** What the ledger holds after the run (enables 撤销上次写入 / 清除标记). */
  lastRun: usecases.LastRun;
}

export interface PaneServices {
  /** The evaluation (nothing written) and what the last run left in the workbook. */
  inspect(config: EvalConfig): Promise<{ evaluation: Evaluation; lastRun: usecases.LastRun }>;
  score(config: EvalConfig, onStage: (stage: Stage) => void): Promise<ScoreOutcome>;
  insertSummary(evaluation: Evaluation): Promise<{ sheet: string }>;
  clearMarks(): Promise<number>;
  undoLastRun(): Promise<number>;
  selectCell(sheet: string, cell: string): Promise<void>;
  loadSettings(): Promise<{ config: EvalConfig; errors: ConfigError[] }>;
  saveSettings(partial: Partial<EvalConfig>): Promise<ConfigError[]>;
  buildReport(evaluation: Evaluation, lang: Lang): Promise<usecases.ReportFile>;
}

export function servicesFor(host: WorkbookHost): PaneServices {
  return {
    inspect: (config) => usecases.inspectWorkbookState(host, config),
    score: (config, onStage) => usecases.scoreWorkbook(host, config, onStage),
    insertSummary: (evaluation) => usecases.insertSummarySheet(host, evaluation),
    clearMarks: () => usecases.clearMarks(host),
    undoLastRun: () => usecases.undoLastRun(host),
    selectCell: (sheet, cell) => usecases.selectCell(host, sheet, cell),
    loadSettings: () => usecases.loadSettings(host),
    saveSettings: (partial) => usecases.saveSettings(host, partial),
    buildReport: (evaluation, lang) => usecases.buildReportFile(host, evaluation, lang),
  };
}
