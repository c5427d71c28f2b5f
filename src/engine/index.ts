/**
 * The engine's public surface: contracts, configuration, the pipeline (evaluate), the write plan, the
 * summary sheet, the JSON report and the rule catalogue. Pure TypeScript: no Office, DOM or Node APIs.
 */
export * from "./types";
export { DEFAULT_CONFIG, resolveConfig, validateConfig, gradeFor } from "./config";
export type { DeepPartial, ConfigError } from "./config";
export { a1, columnName, columnIndex, parseCell, parseRange, rangeA1, qualified } from "./address";
export { detectTables, detectSubjects } from "./detect";
export type { SubjectDetection, WorkbookDetection } from "./detect";
export { assignSubjects, DEPARTMENT_ID, DEPARTMENT_NAME } from "./subjects";
export { computeMetrics } from "./metrics";
export { scoreIndicatorTable } from "./scoring/score";
export { round2 } from "./scoring/round";
export { readNumber, isExcelError, normalizeText } from "./values";
export {
  RULES,
  CATEGORIES,
  CATEGORY_ORDER,
  ruleFor,
  hasRule,
  checklistRuleFor,
  renderMessage,
  renderTitle,
  renderBasis,
  renderRecommendation,
  renderMember,
  categoryName,
  formatNumber,
  formatPercent,
} from "./rules/catalogue";
export type { RuleDef, RuleCode, Texts } from "./rules/catalogue";
export { deriveFindings } from "./findings";
export { tableName } from "./rules/data";
export { evaluate, readBasicInfo } from "./evaluate";
export { planWrites } from "./plan";
export { planSummary } from "./summary";
export { buildReport } from "./report";
export type {
  JsonReport,
  JsonRate,
  JsonSubject,
  JsonOverview,
  JsonFinding,
  JsonTotal,
  JsonLevel,
  JsonMetrics,
  JsonReview,
  JsonReviewRow,
} from "./report";
