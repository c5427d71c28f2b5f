/** The report content model (see ./types.ts): one subject's evaluation as the draft of its report. */
export {
  buildReportModel,
  countPlaceholders,
  reportFileName,
  runsText,
  type ReportInput,
  type ReportModelOptions,
} from "./build";
export { reportModels, subjectReportInput, type SubjectReport } from "./subjects";
export type * from "./types";
