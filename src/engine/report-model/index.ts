/** The report content model (see ./types.ts): one subject's evaluation as the draft of its report. */
export { buildReportModel, runsText, type ReportInput, type ReportModelOptions } from "./build";
export type * from "./types";
