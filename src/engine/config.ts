/**
 * The one configuration: defaults (with their source), merging a partial config, and validation with
 * messages a user can act on. Hosts save a Partial<EvalConfig> in the workbook; the CLI reads one from
 * --config.
 */
import { joinZhList } from "./format";
import { SHIPPED_PROFILE_DATA } from "./profiles/data";
import { ruleFor, hasRule } from "./rules/catalogue";
import type { EvalConfig, ExecutionCapBand, GradeBand, Lang } from "./types";

/** A rule profile (src/engine/profiles/*.json): a named set of scoring conventions and thresholds,
 *  with the source of every number (docs/profiles.md lists them). */
export interface Profile {
  name: string;
  title: { "zh-CN": string; "en-US": string };
  description: { "zh-CN": string; "en-US": string };
  /** Settings of EvalConfig other than lang, profile and overwriteUserValues (missing ones: default). */
  config: DeepPartial<EvalConfig>;
  /** Where each number comes from, by dotted setting path ("thresholds.executionLow", "grades" …). */
  sources: Record<string, string>;
}

const SHIPPED: Profile[] = SHIPPED_PROFILE_DATA as Profile[];

/** The shipped profiles, "default" first. */
export const PROFILES: readonly Profile[] = SHIPPED;

/** A shipped profile by name, or null. */
export function profileNamed(name: string | undefined | null): Profile | null {
  return SHIPPED.find((p) => p.name === name) ?? null;
}

/** Defaults: the "default" profile (src/engine/profiles/default.json, which names the source of every
 *  number; docs/profiles.md repeats them for users). */
export const DEFAULT_CONFIG: EvalConfig = {
  lang: "zh-CN",
  ...(SHIPPED[0].config as Omit<EvalConfig, "lang" | "profile" | "overwriteUserValues">),
  profile: SHIPPED[0].name,
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

/** A partial config over a base: the given one, else the shipped profile the partial names, else the
 *  defaults (no validation; see validateConfig). Resolving a resolved config gives it back. */
export function resolveConfig(partial?: DeepPartial<EvalConfig> | null, base?: EvalConfig): EvalConfig {
  const p = partial ?? {};
  const named = profileNamed(p.profile);
  const from = base ?? (named ? profileConfig(named) : DEFAULT_CONFIG);
  return {
    ...from,
    ...p,
    profile: p.profile ?? from.profile,
    thresholds: { ...from.thresholds, ...(p.thresholds ?? {}) },
    qualitativeBands: {
      ...from.qualitativeBands,
      ...(p.qualitativeBands ?? {}),
    } as EvalConfig["qualitativeBands"],
    grades: (p.grades as GradeBand[] | undefined) ?? from.grades,
    executionCap: (p.executionCap as ExecutionCapBand[] | undefined) ?? from.executionCap,
    overshoot: p.overshoot === undefined ? from.overshoot : (p.overshoot as EvalConfig["overshoot"]),
    review: {
      ...from.review,
      ...(p.review ?? {}),
      rules: { ...from.review.rules, ...((p.review?.rules ?? {}) as EvalConfig["review"]["rules"]) },
    },
  } as EvalConfig;
}

/** The full configuration of a profile (its settings over the defaults). */
export function profileConfig(profile: Profile): EvalConfig {
  return resolveConfig({ ...profile.config, profile: profile.name }, DEFAULT_CONFIG);
}

const LANGS: Lang[] = ["zh-CN", "en-US"];

function isNum(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/** Validate an untrusted config (from a file or the settings form). Unknown keys are errors too, so a
 *  typo does not pass silently. */
export function validateConfig(
  input: unknown,
  base?: EvalConfig,
): { config: EvalConfig; errors: ConfigError[] } {
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

  if (p.profile !== undefined && base === undefined && !profileNamed(p.profile as string))
    err(
      "profile",
      `未知的规则方案“${String(p.profile)}”（可用：${joinZhList(SHIPPED.map((x) => x.name))}）。`,
      `Unknown profile "${String(p.profile)}" (available: ${SHIPPED.map((x) => x.name).join(", ")}).`,
    );
  validateRuleSettings(p, err);

  const fallback = base ?? DEFAULT_CONFIG;
  return {
    config: errors.length ? fallback : resolveConfig(p as DeepPartial<EvalConfig>, base),
    errors,
  };
}

type Report = (path: string, zh: string, en: string) => void;

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}

/** executionCap, overshoot and review (the profile's scoring conventions and 复核 thresholds). */
function validateRuleSettings(p: Record<string, unknown>, err: Report): void {
  if (p.executionCap !== undefined) {
    const cap = p.executionCap;
    if (!Array.isArray(cap))
      err(
        "executionCap",
        "执行率封顶必须是列表（可为空）。",
        "executionCap must be a list (it may be empty).",
      );
    else
      cap.forEach((band: unknown, i) => {
        const path = `executionCap.${i}`;
        if (!isObject(band)) return err(path, "每一档需要 below 和 max。", "Each band needs below and max.");
        for (const key of Object.keys(band))
          if (key !== "below" && key !== "max")
            err(`${path}.${key}`, `未知的配置项“${key}”。`, `Unknown setting "${key}".`);
        if (!isNum(band.below) || band.below <= 0 || band.below > 1)
          err(
            `${path}.below`,
            "执行率分界 below 必须在 0–1 之间（0.8 表示 80%）。",
            "below must be a rate within 0–1 (0.8 = 80%).",
          );
        if (!isNum(band.max) || band.max < 0)
          err(`${path}.max`, "封顶分 max 必须是不小于 0 的数字。", "max must be a number ≥ 0.");
      });
  }
  if (p.overshoot !== undefined && p.overshoot !== null) {
    const o = p.overshoot;
    if (!isObject(o))
      err(
        "overshoot",
        "指标偏离必须是 { ratio, deduct } 或 null。",
        "overshoot must be { ratio, deduct } or null.",
      );
    else {
      for (const key of Object.keys(o))
        if (key !== "ratio" && key !== "deduct")
          err(`overshoot.${key}`, `未知的配置项“${key}”。`, `Unknown setting "${key}".`);
      if (!isNum(o.ratio) || o.ratio <= 0)
        err(
          "overshoot.ratio",
          "超出比例 ratio 必须是大于 0 的数字（0.3 表示超出目标值 30%）。",
          "ratio must be a number > 0 (0.3 = 30% above the target).",
        );
      if (!isNum(o.deduct) || o.deduct < 0)
        err("overshoot.deduct", "扣分 deduct 必须是不小于 0 的数字。", "deduct must be a number ≥ 0.");
    }
  }
  if (p.review !== undefined) {
    const r = p.review;
    if (!isObject(r)) return err("review", "复核设置必须是对象。", "review must be an object.");
    const numbers: Record<string, [number, number]> = {
      outputExecutionLow: [0, 1],
      selfDeviation: [0, 1],
      deductionTolerance: [0, Infinity],
    };
    for (const key of Object.keys(r)) {
      const path = `review.${key}`;
      if (key === "rules") continue;
      const range = numbers[key];
      if (!range) err(path, `未知的配置项“${key}”。`, `Unknown setting "${key}".`);
      else if (!isNum(r[key]) || (r[key] as number) < range[0] || (r[key] as number) > range[1])
        err(
          path,
          range[1] === 1 ? `${key} 必须在 0–1 之间（0.5 表示 50%）。` : `${key} 必须是不小于 0 的数字。`,
          range[1] === 1 ? `${key} must be within 0–1 (0.5 = 50%).` : `${key} must be a number ≥ 0.`,
        );
    }
    if (r.rules !== undefined) {
      if (!isObject(r.rules))
        return err("review.rules", "复核规则设置必须是对象。", "review.rules must be an object.");
      for (const [code, setting] of Object.entries(r.rules)) {
        const path = `review.rules.${code}`;
        if (!hasRule(code) || ruleFor(code).level === undefined) {
          err(path, `未知的复核规则“${code}”。`, `Unknown review rule "${code}".`);
          continue;
        }
        if (!isObject(setting)) {
          err(path, "规则设置必须是 { level, severity }。", "A rule setting is { level, severity }.");
          continue;
        }
        for (const key of Object.keys(setting)) {
          const value = setting[key];
          if (key === "level") {
            if (!["P0", "P1", "P2"].includes(value as string))
              err(`${path}.level`, "复核级别只能是 P0、P1 或 P2。", "level must be P0, P1 or P2.");
          } else if (key === "severity") {
            if (!["error", "warning", "info"].includes(value as string))
              err(
                `${path}.severity`,
                "严重程度只能是 error、warning 或 info。",
                "severity must be error, warning or info.",
              );
          } else err(`${path}.${key}`, `未知的配置项“${key}”。`, `Unknown setting "${key}".`);
        }
      }
    }
  }
}

/** Validate an untrusted profile document (a --profile file): every error names its field, with the
 *  path inside the document ("config.executionCap.1.max"). The config is the profile's settings over
 *  the defaults. */
export function validateProfile(input: unknown): {
  profile: Profile | null;
  config: EvalConfig;
  errors: ConfigError[];
} {
  const errors: ConfigError[] = [];
  const err: Report = (path, zh, en) => errors.push({ path, message: { "zh-CN": zh, "en-US": en } });
  if (!isObject(input)) {
    err("", "规则方案必须是一个 JSON 对象。", "A profile must be a JSON object.");
    return { profile: null, config: DEFAULT_CONFIG, errors };
  }
  const known = ["name", "title", "description", "config", "sources"];
  for (const key of Object.keys(input))
    if (!known.includes(key)) err(key, `未知的字段“${key}”。`, `Unknown field "${key}".`);
  if (typeof input.name !== "string" || input.name.trim() === "")
    err("name", "规则方案需要名称 name（非空文字）。", "A profile needs a name (non-empty text).");
  for (const key of ["title", "description"]) {
    const t = input[key];
    if (t === undefined) continue;
    if (!isObject(t) || typeof t["zh-CN"] !== "string" || typeof t["en-US"] !== "string")
      err(key, `${key} 必须有 zh-CN 和 en-US 两种文字。`, `${key} needs zh-CN and en-US texts.`);
  }
  if (input.sources !== undefined) {
    if (!isObject(input.sources)) err("sources", "出处 sources 必须是对象。", "sources must be an object.");
    else
      for (const [key, value] of Object.entries(input.sources))
        if (typeof value !== "string")
          err(`sources.${key}`, "每条出处必须是文字。", "Each source must be text.");
  }
  if (!isObject(input.config)) {
    err("config", "规则方案需要设置对象 config。", "A profile needs a config object.");
    return { profile: null, config: DEFAULT_CONFIG, errors };
  }
  for (const key of ["lang", "profile", "overwriteUserValues"])
    if (key in input.config)
      err(`config.${key}`, `规则方案不能设置 ${key}。`, `A profile cannot set ${key}.`);
  const checked = validateConfig(input.config, DEFAULT_CONFIG);
  for (const e of checked.errors)
    errors.push({ path: e.path ? `config.${e.path}` : "config", message: e.message });
  if (errors.length) return { profile: null, config: DEFAULT_CONFIG, errors };
  const profile: Profile = {
    name: (input.name as string).trim(),
    title: (input.title as Profile["title"]) ?? {
      "zh-CN": input.name as string,
      "en-US": input.name as string,
    },
    description: (input.description as Profile["description"]) ?? { "zh-CN": "", "en-US": "" },
    config: input.config as DeepPartial<EvalConfig>,
    sources: (input.sources as Record<string, string>) ?? {},
  };
  return { profile, config: profileConfig(profile), errors };
}

/** The grade for a total, never rounded first. */
export function gradeFor(total: number, bands: GradeBand[]): string {
  for (const band of bands) if (total >= band.min) return band.label;
  return bands[bands.length - 1]?.label ?? "";
}
