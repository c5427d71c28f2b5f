/**
 * 定性 (qualitative) results and 不适用 markers. 达成 / 部分达成 / 未达成 (also 达到预期指标 and
 * similar) map to a score band of 分值 from the configuration; a band is not a number, so a 定性 row is
 * scored by the evaluator and only checked against its band.
 */
import type { CellValue, EvalConfig } from "../types";
import { normalizeText } from "../values";

type QualitativeLevel = "achieved" | "partial" | "notAchieved";

const VERB = "(?:达成|达到|完成|实现)";
const OBJECT = "(?:预期|年度|既定|计划)?(?:绩效)?(?:指标|目标|任务)?(?:值|要求)?";
const ACHIEVED = new RegExp(`^(?:已|已经|全部|全面|均|完全)?${VERB}${OBJECT}$`);
const PARTIAL = new RegExp(`^(?:部分|基本|大部分|大部)${VERB}${OBJECT}$`);
const NOT_ACHIEVED = new RegExp(`^(?:未|未能|没有|没|尚未)${VERB}${OBJECT}$`);

function clean(text: string): string {
  return normalizeText(text).replace(/[\s。.!！]/g, "");
}

/** Which 定性 result a text states, or null when it is not one of the known phrases. */
export function qualitativeLevel(text: string): QualitativeLevel | null {
  const s = clean(text);
  if (!s) return null;
  if (NOT_ACHIEVED.test(s)) return "notAchieved";
  if (PARTIAL.test(s)) return "partial";
  if (ACHIEVED.test(s)) return "achieved";
  return null;
}

/** The score band of a 定性 result as fractions of 分值 ([0.8, 1] for 达成 by default), or null. */
export function qualitativeBand(actualText: string, config: EvalConfig): [number, number] | null {
  const level = qualitativeLevel(actualText);
  if (level === null) return null;
  const [low, high] = config.qualitativeBands[level];
  return [low, high];
}

/** Chinese label of a 定性 result, for notes. */
export const QUALITATIVE_LABEL: Record<QualitativeLevel, string> = {
  achieved: "达成",
  partial: "部分达成",
  notAchieved: "未达成",
};

/** The whole cell says so (a 评分标准 that merely mentions 不适用 somewhere is not a marker). */
const NOT_APPLICABLE =
  /^[-—(（[]*(?:本项|此项|该项|该指标)?(?:不适用|不涉及|无此项|免评|不评|n\.?\/?a\.?)[)）\]]*$/i;

/** True when a cell or text says the row does not apply (不适用, 不涉及, 免评, N/A). */
export function isNotApplicable(v: CellValue | undefined): boolean {
  if (typeof v !== "string") return false;
  return NOT_APPLICABLE.test(clean(v));
}
