/**
 * The one configuration: defaults (with their source), merging a partial config, and validation with
 * messages a user can act on. Hosts save a Partial<EvalConfig> in the workbook; the CLI reads one from
 * --config.
 */
import type { EvalConfig, GradeBand, Lang } from "./types";

/** Defaults and where each comes from (docs/config.md repeats this table for users). */
export const DEFAULT_CONFIG: EvalConfig = {
  lang: "zh-CN",
  thresholds: {
    executionHigh: 1, // 预算法 第三十二条: spending beyond the adjusted budget
    executionLow: 0.9, // common 自评 rule: below 90% must be explained
    adjustmentWarn: 0.1, // 预算调整率 10%: the usual first band of 评分标准
    adjustmentError: 0.3, // 财政部门 30% 预警口径
    tolerance: 0.01, // 勾稽 tolerance in 万元 (one hundred yuan)
    scoreDisagreement: 0.1, // SPEC §4: entered vs computed
    lowScoreRate: 0.6, // below 60% = 主要失分指标 (the 差 line)
  },
  grades: [
    // 财预〔2020〕10号: ≥90 优, 80–<90 良, 60–<80 中, <60 差
    { min: 90, label: "优" },
    { min: 80, label: "良" },
    { min: 60, label: "中" },
    { min: 0, label: "差" },
  ],
  qualitativeBands: {
    // 达成 / 部分达成 / 未达成 → [80%,100%], [60%,80%), [0,60%) of 分值
    achieved: [0.8, 1],
    partial: [0.6, 0.8],
    notAchieved: [0, 0.6],
  },
  reverseFormula: "ratio",
  executionDenominator: "adjusted",
  metricBasisRow: "fiscal",
  rebaseNotApplicable: true,
  overwriteUserValues: false,
};

export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K];
};

export interface ConfigError {
  /** Dotted path, e.g. "thresholds.executionLow". */
  path: string;
  message: { "zh-CN": string; "en-US": string };
}

/** Defaults overlaid with a partial config (no validation; see validateConfig). */
export function resolveConfig(partial?: DeepPartial<EvalConfig> | null): EvalConfig {
  const p = partial ?? {};
  return {
    ...DEFAULT_CONFIG,
    ...p,
    thresholds: { ...DEFAULT_CONFIG.thresholds, ...(p.thresholds ?? {}) },
    qualitativeBands: {
      ...DEFAULT_CONFIG.qualitativeBands,
      ...(p.qualitativeBands ?? {}),
    } as EvalConfig["qualitativeBands"],
    grades: (p.grades as GradeBand[] | undefined) ?? DEFAULT_CONFIG.grades,
  } as EvalConfig;
}

const LANGS: Lang[] = ["zh-CN", "en-US"];

function isNum(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/** Validate an untrusted config (from a file or the settings form). Unknown keys are errors too, so a
 *  typo does not pass silently. */
export function validateConfig(input: unknown): { config: EvalConfig; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const err = (path: string, zh: string, en: string) =>
    errors.push({ path, message: { "zh-CN": zh, "en-US": en } });
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    err("", "配置必须是一个 JSON 对象。", "The configuration must be a JSON object.");
    return { config: DEFAULT_CONFIG, errors };
  }
  const p = input as Record<string, unknown>;
  const known = Object.keys(DEFAULT_CONFIG);
  for (const key of Object.keys(p))
    if (!known.includes(key)) err(key, `未知的配置项“${key}”。`, `Unknown setting "${key}".`);

  if (p.lang !== undefined && !LANGS.includes(p.lang as Lang))
    err("lang", "语言只能是 zh-CN 或 en-US。", "lang must be zh-CN or en-US.");

  if (p.thresholds !== undefined) {
    if (typeof p.thresholds !== "object" || p.thresholds === null)
      err("thresholds", "阈值必须是对象。", "thresholds must be an object.");
    else {
      const t = p.thresholds as Record<string, unknown>;
      for (const key of Object.keys(t)) {
        const path = `thresholds.${key}`;
        if (!(key in DEFAULT_CONFIG.thresholds))
          err(path, `未知的阈值“${key}”。`, `Unknown threshold "${key}".`);
        else if (!isNum(t[key]) || (t[key] as number) < 0)
          err(path, `阈值 ${key} 必须是不小于 0 的数字。`, `Threshold ${key} must be a number ≥ 0.`);
      }
      const merged = { ...DEFAULT_CONFIG.thresholds, ...t } as Record<string, number>;
      if (
        isNum(merged.adjustmentWarn) &&
        isNum(merged.adjustmentError) &&
        merged.adjustmentWarn > merged.adjustmentError
      )
        err(
          "thresholds.adjustmentWarn",
          "调整率预警线不能高于错误线。",
          "The adjustment warning line cannot exceed the error line.",
        );
      if (isNum(merged.lowScoreRate) && merged.lowScoreRate > 1)
        err(
          "thresholds.lowScoreRate",
          "低得分率阈值应在 0–1 之间（如 0.6 表示 60%）。",
          "lowScoreRate must be between 0 and 1 (0.6 = 60%).",
        );
    }
  }

  if (p.grades !== undefined) {
    const g = p.grades;
    if (!Array.isArray(g) || g.length === 0)
      err("grades", "等级必须是非空列表。", "grades must be a non-empty list.");
    else {
      g.forEach((band, i) => {
        const b = band as Partial<GradeBand>;
        if (!b || !isNum(b.min) || typeof b.label !== "string" || b.label.trim() === "")
          err(
            `grades.${i}`,
            "每个等级需要分数线 min 和名称 label。",
            "Each grade needs a number min and a label.",
          );
      });
      const mins = g.map((b) => (b as GradeBand).min);
      for (let i = 1; i < mins.length; i++)
        if (!(mins[i] < mins[i - 1]))
          err(`grades.${i}`, "等级分数线必须从高到低排列。", "Grade lines must go from highest to lowest.");
      if (mins.length && mins[mins.length - 1] > 0)
        err(`grades.${mins.length - 1}`, "最低等级的分数线应为 0。", "The lowest grade must start at 0.");
    }
  }

  if (p.qualitativeBands !== undefined) {
    const q = p.qualitativeBands as Record<string, unknown>;
    for (const key of ["achieved", "partial", "notAchieved"]) {
      const band = q?.[key];
      if (band === undefined) continue;
      if (
        !Array.isArray(band) ||
        band.length !== 2 ||
        !isNum(band[0]) ||
        !isNum(band[1]) ||
        band[0] < 0 ||
        band[1] > 1 ||
        band[0] > band[1]
      )
        err(
          `qualitativeBands.${key}`,
          "定性区间必须是 [下限, 上限]，在 0–1 之间。",
          "A qualitative band is [low, high] within 0–1.",
        );
    }
  }

  const enums: [string, string[]][] = [
    ["reverseFormula", ["ratio", "deviation"]],
    ["executionDenominator", ["adjusted", "initial"]],
    ["metricBasisRow", ["fiscal", "total"]],
  ];
  for (const [key, allowed] of enums)
    if (p[key] !== undefined && !allowed.includes(p[key] as string))
      err(key, `${key} 只能是 ${allowed.join(" / ")}。`, `${key} must be one of ${allowed.join(", ")}.`);
  for (const key of ["rebaseNotApplicable", "overwriteUserValues"])
    if (p[key] !== undefined && typeof p[key] !== "boolean")
      err(key, `${key} 必须是 true 或 false。`, `${key} must be true or false.`);

  return { config: errors.length ? DEFAULT_CONFIG : resolveConfig(p as DeepPartial<EvalConfig>), errors };
}

/** The grade for a total, never rounded first. */
export function gradeFor(total: number, bands: GradeBand[]): string {
  for (const band of bands) if (total >= band.min) return band.label;
  return bands[bands.length - 1]?.label ?? "";
}
