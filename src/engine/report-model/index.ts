/** The report content model (see ./types.ts): one subject's evaluation as the draft of its report. */
export { buildReportModel, countPlaceholders, reportFileName, runsText } from "./build";
export { reportModels, subjectReportInput } from "./subjects";
export type * from "./types";
