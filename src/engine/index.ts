/**
 * The engine's public surface: contracts, configuration, the pipeline (evaluate), the write plan, the
 * summary sheet, the JSON report and the rule catalogue. Pure TypeScript: no Office, DOM or Node APIs.
 */
export * from "./types";

export { evaluate } from "./evaluate";
export { planWrites } from "./plan";
export { planSummary } from "./summary";
export { buildReport } from "./report";
export type { JsonReport } from "./report";
