/**
 * What every rule family (budget.ts, targets.ts, indicators.ts, checklist.ts, data.ts) is made of: the
 * shape of a catalogue entry, and the helpers a family's checks use to build grouped findings. A family
 * declares its entries `as const` so that its codes are a union type: `grouperOf(ITS_RULES)` returns a
 * `grouped(code, …)` that accepts only those codes, so a misspelt code fails to compile.
 */
import { a1 } from "../address";
import type { Category, Finding, FindingMember, ReviewLevel, Severity } from "../types";

export interface Texts {
  "zh-CN": string;
  "en-US": string;
}

export interface RuleDef<Code extends string = string> {
  code: Code;
  category: Category;
  /** Default severity; a family's check may raise it (adjustment rate above the error line). */
  severity: Severity;
  /** Short heading, as the report's problem headings. */
  title: Texts;
  message: Texts;
  /** How one member renders inside {list}. */
  member?: Texts;
  basis: Texts | null;
  recommendation: Texts | null;
  /** Checklist rules: words in the 检查事项 text that select this rule (longest match wins). */
  keywords?: readonly string[];
  /** 复核 rules (./review-catalogue.ts): the default review level; a profile may change it. */
  level?: ReviewLevel;
}

export type Params = Record<string, string | number>;

export const EPS = 1e-9;

/** Round for display in params (values stay numbers; templates format them). */
export function r2(x: number): number {
  return Math.round(x * 100 + Number.EPSILON * 100) / 100;
}

/** A finding member as it is output (no per-member copies: at 100k rows they dominate memory). */
export type MemberAt = FindingMember;

export function member(sheet: string, row: number, col: number, params: Params): MemberAt {
  return { sheet, cell: a1(row, col), params };
}

interface GroupOptions {
  severity?: Severity;
  main?: MemberAt;
  evidence?: Finding["evidence"];
}

/**
 * The finding builder of one family: `grouped(code, members, params, options)` makes one grouped
 * Finding from its members (null when there are none); the main cell is `options.main` (default: the
 * first member). `code` must be one of the family's own codes.
 */
export function grouperOf<R extends readonly RuleDef<Finding["rule"]>[]>(rules: R) {
  const byCode = new Map<string, RuleDef<Finding["rule"]>>(rules.map((r) => [r.code, r]));
  return function grouped(
    code: R[number]["code"],
    members: MemberAt[],
    params: Params,
    options: GroupOptions = {},
  ): Finding | null {
    if (members.length === 0) return null;
    const rule = byCode.get(code);
    if (!rule) throw new Error(`no rule ${code} in this family`);
    const main = options.main ?? members[0];
    const finding: Finding = {
      rule: rule.code,
      severity: options.severity ?? rule.severity,
      category: rule.category,
      params: { ...main.params, ...params },
      sheet: main.sheet,
      cell: main.cell,
      members,
    };
    if (options.evidence) finding.evidence = options.evidence;
    return finding;
  };
}

/** The entry of `code` in a family's rules (typed: the code must be one of them). */
export function ruleIn<R extends readonly RuleDef<Finding["rule"]>[]>(
  rules: R,
  code: R[number]["code"],
): R[number] {
  const rule = rules.find((r) => r.code === code);
  if (!rule) throw new Error(`no rule ${code}`);
  return rule;
}

/** The findings of a family's checks without the nulls of rules that found nothing. */
export function present(list: (Finding | null)[]): Finding[] {
  return list.filter((f): f is Finding => f !== null);
}
