/**
 * The 评分标准 parser: a recursive-descent grammar over ./tokens.ts (no eval, no new Function) for the
 * common shapes of docs/domain.md §4 — score bands, per-point deductions, deviation from a target, and ratio
 * scoring — and their evaluation. Percent semantics: a metric value arrives as a fraction (0.209 for
 * 20.90%), thresholds written with % are fractions too, and 一个百分点 is 0.01. Text it cannot read as a
 * whole gives null: the row is left for the evaluator, never guessed.
 */
import { normalizeText, tokenize, type CmpOp, type PerDirection, type Token } from "./tokens";

/** A range of metric values; null bounds are open. */
interface Interval {
  lower: number | null;
  lowerInclusive: boolean;
  upper: number | null;
  upperInclusive: boolean;
}

/** One band of a banded rule: values in the interval earn `points` ("full" = the row's 分值; "ratio" =
 *  value × 分值, as in `≥100%得满分，低于100%按完成比例计分`). */
interface Band extends Interval {
  points: number | "full" | "ratio";
}

type BandPoints = Band["points"];

interface CriteriaBase {
  /** The metric the text names, if any (预算调整率, 三公经费变动率 …), quotes removed. */
  metric: string | null;
  /** Thresholds are percentages (written with %, in 百分点, or of a 率): the value is a fraction. */
  percent: boolean;
}

/** `预算调整率=0，计3分；0-10%(含)，计2分；…；大于30%不得分`: the first band holding the value. */
export interface BandsCriteria extends CriteriaBase {
  kind: "bands";
  bands: Band[];
}

/** `≦100%，计5分；每超过一个百分点扣0.5分，扣完为止`: full points on the good side of the threshold,
 *  minus perStep for every `step` beyond it (pro rata), never below 0. */
interface DeductionCriteria extends CriteriaBase {
  kind: "deduction";
  threshold: number;
  /** "above": values above the threshold lose points (每超过); "below": values below it (每低于). */
  direction: "above" | "below";
  /** Size of one step in the value's own unit (0.01 = one percentage point). */
  step: number;
  perStep: number;
  /** Points on the good side; null = the row's 分值. */
  full: number | null;
  /** 最多扣N分, when written. */
  maxDeduction: number | null;
}

/** `预算执行率为100%，计5分；每偏离1个百分点扣0.1分，扣完为止`: full minus perStep per step of |value − target|. */
interface DeviationCriteria extends CriteriaBase {
  kind: "deviation";
  target: number;
  step: number;
  perStep: number;
  full: number | null;
  maxDeduction: number | null;
}

/** `按完成比例计算得分，满分为止` / `完成率×分值`: value (a completion ratio) × 分值. */
interface RatioCriteria extends CriteriaBase {
  kind: "ratio";
  /** `以100%为标准` when written: the value the ratio is taken against. */
  standard: number | null;
}

export type Criteria = BandsCriteria | DeductionCriteria | DeviationCriteria | RatioCriteria;

/** Tolerance for comparing a computed value with a written bound (0.1 + 0.2 vs 0.3). */
const EPS = 1e-9;

// ───────────────────────────── grammar ─────────────────────────────

class ParseFailure extends Error {}

interface Num {
  value: number;
  percent: boolean;
}

interface RawBound {
  num: Num;
  inclusive: boolean;
}

interface CondItem {
  kind: "cond";
  lower: RawBound | null;
  upper: RawBound | null;
  points: BandPoints | null;
}

interface PerItem {
  kind: "per";
  dir: PerDirection;
  step: number;
  /** The step was a bare number (no % and no 百分点). */
  stepBare: boolean;
  perStep: number;
}

type Item = CondItem | PerItem;

/**
 * criteria  := (standard | statement | word | sep | floor | cap | ratio)*
 * standard  := num "为标准"
 * statement := condition outcome? | per | maxDeduct
 * condition := cmp num mark? suffix? | num mark? range num mark? | num mark? suffix | num cmp word* cmp num
 * outcome   := (sep | word)* (award? num fen? | award? full | zero)
 * per       := "每超过/每低于/每偏离…" (num (pp | unit)? | pp) sep* deduct num fen?
 */
class Parser {
  private i = 0;
  readonly items: Item[] = [];
  readonly words: { text: string; beforeFirstStatement: boolean }[] = [];
  standard: Num | null = null;
  ratio = false;
  maxDeduction: number | null = null;

  constructor(private readonly tokens: Token[]) {}

  private peek(k = 0): Token | undefined {
    return this.tokens[this.i + k];
  }

  private fail(): never {
    throw new ParseFailure();
  }

  private expectNum(): Num {
    const t = this.peek();
    if (t?.t !== "num") this.fail();
    this.i++;
    return { value: t.value, percent: t.percent };
  }

  parse(): void {
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i];
      switch (t.t) {
        case "sep":
        case "floor":
        case "cap":
          this.i++;
          break;
        case "word":
          this.words.push({ text: t.text, beforeFirstStatement: this.items.length === 0 });
          this.i++;
          break;
        case "ratio":
          this.ratio = true;
          this.i++;
          break;
        case "num":
          if (this.peek(1)?.t === "standard") {
            if (this.standard) this.fail();
            this.standard = { value: t.value, percent: t.percent };
            this.i += 2;
          } else this.condition();
          break;
        case "cmp":
          this.condition();
          break;
        case "per":
          this.per();
          break;
        case "maxDeduct":
          this.i++;
          if (this.maxDeduction !== null) this.fail();
          this.maxDeduction = this.expectNum().value;
          if (this.peek()?.t === "fen") this.i++;
          break;
        default:
          // a points phrase without a condition, a stray dash, 扣 without 每 …: not a shape we know
          this.fail();
      }
    }
  }

  /** Optional (含)/(不含) after a bound. */
  private mark(): boolean | null {
    const t = this.peek();
    if (t?.t === "incl" || t?.t === "excl") {
      this.i++;
      return t.t === "incl";
    }
    return null;
  }

  /** A threshold number; a number followed by 分 is points, not a threshold. */
  private bound(): Num {
    const n = this.expectNum();
    if (this.peek()?.t === "fen") this.fail();
    return n;
  }

  private condition(): void {
    let lower: RawBound | null = null;
    let upper: RawBound | null = null;
    const first = this.peek();
    if (first?.t === "cmp") {
      this.i++;
      const n = this.bound();
      const marked = this.mark();
      const suffix = this.peek();
      let op = first.op;
      if (suffix?.t === "suffix") {
        // 达到90%以上 repeats the side; 为90%以上 takes it from the suffix
        if (first.op === "=") op = suffix.op;
        else if (sideOf(suffix.op) !== sideOf(first.op)) this.fail();
        this.i++;
      }
      [lower, upper] = fromOp(op, n, marked);
    } else {
      const a = this.bound();
      const aMark = this.mark();
      const next = this.peek();
      if (next?.t === "range") {
        this.i++;
        const b = this.bound();
        const bMark = this.mark();
        // "0-10%": the % written once applies to both ends
        if (a.percent !== b.percent) {
          if (!a.percent) a.value /= 100;
          else b.value /= 100;
          a.percent = b.percent = true;
        }
        // Two conventions: `0-10%(含)` = (0, 10%]; `80%(含)-90%` = [80%, 90%); unmarked = [a, b).
        const lowerInclusive = aMark ?? (bMark === true ? false : true);
        const upperInclusive = bMark ?? false;
        if (a.value > b.value) this.fail();
        lower = { num: a, inclusive: lowerInclusive };
        upper = { num: b, inclusive: upperInclusive };
      } else if (next?.t === "suffix") {
        this.i++;
        [lower, upper] = fromOp(next.op, a, aMark);
      } else if (next?.t === "cmp" && next.op !== "=") {
        // 80%≤完成率<90%
        this.i++;
        while (this.peek()?.t === "word") this.i++;
        const second = this.peek();
        if (second?.t !== "cmp" || sideOf(second.op) !== sideOf(next.op)) this.fail();
        this.i++;
        const b = this.bound();
        const bMark = this.mark();
        const lo = next.op === "<" || next.op === "<=";
        const aBound = { num: a, inclusive: aMark ?? next.op.endsWith("=") };
        const bBound = { num: b, inclusive: bMark ?? second.op.endsWith("=") };
        [lower, upper] = lo ? [aBound, bBound] : [bBound, aBound];
        if (lower.num.value > upper.num.value) this.fail();
      } else this.fail();
    }
    this.items.push({ kind: "cond", lower, upper, points: this.outcome() });
  }

  /** The points after a condition, or null when none follows (the condition then scopes a 每… rule). */
  private outcome(): BandPoints | null {
    let j = this.i;
    while (this.tokens[j]?.t === "sep" || this.tokens[j]?.t === "word") j++;
    const t = this.tokens[j];
    const after = this.tokens[j + 1];
    if (t?.t === "zero") {
      this.i = j + 1;
      return 0;
    }
    if (t?.t === "full") {
      this.i = j + 1;
      return "full";
    }
    if (t?.t === "ratio") {
      this.i = j + 1;
      return "ratio";
    }
    if (t?.t === "award") {
      if (after?.t === "full") {
        this.i = j + 2;
        return "full";
      }
      if (after?.t !== "num" || after.percent) this.fail();
      this.i = j + 2;
      if (this.peek()?.t === "fen") this.i++;
      return after.value;
    }
    if (t?.t === "num" && after?.t === "fen" && !t.percent) {
      this.i = j + 2;
      return t.value;
    }
    return null;
  }

  private per(): void {
    const t = this.peek();
    if (t?.t !== "per" || t.dir === null) this.fail();
    this.i++;
    let step: number;
    let stepBare = false;
    const n = this.peek();
    if (n?.t === "num") {
      this.i++;
      if (this.peek()?.t === "pp") {
        if (n.percent) this.fail();
        this.i++;
        step = n.value / 100;
      } else if (n.percent) step = n.value;
      else {
        step = n.value;
        stepBare = true;
        // a unit word: 每少1个 / 每减少1项
        const unit = this.peek();
        if (unit?.t === "word" && unit.text.length <= 2) this.i++;
      }
    } else if (n?.t === "pp") {
      this.i++;
      step = 0.01;
    } else this.fail();
    while (this.peek()?.t === "sep") this.i++;
    if (this.peek()?.t !== "deduct") this.fail();
    this.i++;
    const perStep = this.expectNum();
    if (perStep.percent) this.fail();
    if (this.peek()?.t === "fen") this.i++;
    if (!(step > 0) || !(perStep.value >= 0)) this.fail();
    this.items.push({ kind: "per", dir: t.dir, step, stepBare, perStep: perStep.value });
  }
}

type Side = "low" | "high" | "eq";

function sideOf(op: CmpOp): Side {
  return op === "<" || op === "<=" ? "low" : op === "=" ? "eq" : "high";
}

/** Bounds of `value op n`; a (含)/(不含) mark overrides the operator's own inclusiveness. */
function fromOp(op: CmpOp, n: Num, marked: boolean | null): [RawBound | null, RawBound | null] {
  switch (op) {
    case "<":
    case "<=":
      return [null, { num: n, inclusive: marked ?? op === "<=" }];
    case ">":
    case ">=":
      return [{ num: n, inclusive: marked ?? op === ">=" }, null];
    case "=":
      return [
        { num: n, inclusive: true },
        { num: { ...n }, inclusive: true },
      ];
  }
}

// ───────────────────────────── assembly ─────────────────────────────

/** The metric name a text mentions: the first word before any statement that names a 率. */
function metricOf(words: Parser["words"]): string | null {
  for (const w of words) {
    if (!w.beforeFirstStatement) break;
    // a defining formula names the metric before its "=": 完成率=实际完成数/计划数×100%
    const named = w.text.split("=")[0];
    const clean = named.replace(/["'“”‘’「」『』《》]/g, "").replace(/[的之]$/, "");
    if (clean.length >= 2 && /率$/.test(clean)) return clean;
  }
  return null;
}

/** A bare bound of a 率 above 1 means percent (`≦100` for a 控制率 is 100%). */
function scaled(num: Num, isRate: boolean): number {
  return !num.percent && isRate && Math.abs(num.value) > 1 ? num.value / 100 : num.value;
}

function toInterval(c: CondItem, isRate: boolean): Interval {
  return {
    lower: c.lower ? scaled(c.lower.num, isRate) : null,
    lowerInclusive: c.lower?.inclusive ?? false,
    upper: c.upper ? scaled(c.upper.num, isRate) : null,
    upperInclusive: c.upper?.inclusive ?? false,
  };
}

function assemble(p: Parser): Criteria | null {
  const metric = metricOf(p.words);
  const isRate = metric !== null;
  const conds = p.items.filter((x): x is CondItem => x.kind === "cond");
  const pers = p.items.filter((x): x is PerItem => x.kind === "per");
  const standard = p.standard ? scaled(p.standard, isRate) : null;
  const scored = conds.filter((c) => c.points !== null);
  const percent =
    isRate ||
    (p.standard?.percent ?? false) ||
    conds.some((c) => (c.lower?.num.percent ?? false) || (c.upper?.num.percent ?? false)) ||
    pers.some((r) => !r.stepBare);

  if (pers.length > 0) {
    if (pers.length > 1 || p.ratio || scored.length > 1) return null;
    const rule = pers[0];
    const fullCond = scored[0] ?? null;
    if (fullCond?.points === "ratio") return null;
    const full = fullCond === null || fullCond.points === "full" ? null : (fullCond.points as number);
    const step = rule.stepBare && isRate ? rule.step / 100 : rule.step;
    const fullInterval = fullCond ? toInterval(fullCond, isRate) : null;
    // the condition scoping the rule (`"三公经费">0，每超过…`): the last unscored one before it
    const ruleIndex = p.items.indexOf(rule);
    const scope = p.items
      .slice(0, ruleIndex)
      .reverse()
      .find((x): x is CondItem => x.kind === "cond" && x.points === null);
    const scopeInterval = scope ? toInterval(scope, isRate) : null;
    if (conds.some((c) => c.points === null && c !== scope)) return null;

    if (rule.dir === "both") {
      const target =
        fullInterval && fullInterval.lower !== null && fullInterval.lower === fullInterval.upper
          ? fullInterval.lower
          : (standard ?? fullInterval?.lower ?? fullInterval?.upper ?? null);
      if (target === null) return null;
      return {
        kind: "deviation",
        metric,
        percent,
        target,
        step,
        perStep: rule.perStep,
        full,
        maxDeduction: p.maxDeduction,
      };
    }
    const threshold =
      rule.dir === "above"
        ? (fullInterval?.upper ?? scopeInterval?.lower ?? standard)
        : (fullInterval?.lower ?? scopeInterval?.upper ?? standard);
    if (threshold === null || threshold === undefined) return null;
    return {
      kind: "deduction",
      metric,
      percent,
      threshold,
      direction: rule.dir,
      step,
      perStep: rule.perStep,
      full,
      maxDeduction: p.maxDeduction,
    };
  }
  if (p.maxDeduction !== null) return null;
  if (p.ratio) {
    if (conds.length > 0) return null;
    return { kind: "ratio", metric, percent: true, standard };
  }
  if (conds.length === 0 || scored.length !== conds.length) return null;
  return {
    kind: "bands",
    metric,
    percent,
    bands: conds.map((c) => ({ ...toInterval(c, isRate), points: c.points as BandPoints })),
  };
}

/** Parses by text: a table repeats the same 评分标准 on many rows (bounded; results are read-only). */
const PARSED = new Map<string, Criteria | null>();
const PARSED_MAX = 4096;

/** Parse 评分标准 text; null when the text is not (wholly) one of the shapes this grammar knows. */
export function parseCriteria(text: string): Criteria | null {
  if (typeof text !== "string") return null;
  const hit = PARSED.get(text);
  if (hit !== undefined) return hit;
  const parsed = parseCriteriaText(text);
  if (PARSED.size >= PARSED_MAX) PARSED.clear();
  PARSED.set(text, parsed);
  return parsed;
}

function parseCriteriaText(text: string): Criteria | null {
  const normalized = normalizeText(text).trim();
  if (!normalized || normalized.length > 2000) return null;
  const parser = new Parser(tokenize(normalized));
  try {
    parser.parse();
  } catch (e) {
    if (e instanceof ParseFailure) return null;
    throw e;
  }
  return assemble(parser);
}

// ───────────────────────────── evaluation ─────────────────────────────

/** True when `value` lies in the interval (bounds compared with a small tolerance). */
export function inInterval(iv: Interval, value: number): boolean {
  if (iv.lower !== null) {
    if (iv.lowerInclusive ? value < iv.lower - EPS : value <= iv.lower + EPS) return false;
  }
  if (iv.upper !== null) {
    if (iv.upperInclusive ? value > iv.upper + EPS : value >= iv.upper - EPS) return false;
  }
  return true;
}

/** Index of the first band holding `value`, or null when none does. */
export function matchBand(c: BandsCriteria, value: number): number | null {
  const i = c.bands.findIndex((b) => inInterval(b, value));
  return i < 0 ? null : i;
}

/** Does the rule give a score for this value? (Bands can leave gaps; the other shapes always do.) */
export function criteriaApplies(c: Criteria, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  return c.kind !== "bands" || matchBand(c, value) !== null;
}

function deducted(full: number, excess: number, step: number, perStep: number, max: number | null): number {
  if (excess <= EPS) return full;
  const loss = Math.min((excess / step) * perStep, max ?? Infinity);
  return Math.max(0, full - loss);
}

/**
 * The score the rule gives `value` on a row of `weight` points: unrounded and not capped to the weight
 * (the caller caps and rounds). A value outside every band gives 0 (check criteriaApplies first).
 */
export function evaluateCriteria(c: Criteria, value: number, weight: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(weight)) return 0;
  switch (c.kind) {
    case "bands": {
      const i = matchBand(c, value);
      if (i === null) return 0;
      const points = c.bands[i].points;
      return points === "full" ? weight : points === "ratio" ? value * weight : points;
    }
    case "deduction": {
      const excess = c.direction === "above" ? value - c.threshold : c.threshold - value;
      return deducted(c.full ?? weight, excess, c.step, c.perStep, c.maxDeduction);
    }
    case "deviation":
      return deducted(c.full ?? weight, Math.abs(value - c.target), c.step, c.perStep, c.maxDeduction);
    case "ratio":
      return value * weight;
  }
}
