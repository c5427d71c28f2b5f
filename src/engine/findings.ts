/**
 * deriveFindings: every rule of the catalogue (./rules/catalogue.ts) applied to the detection, the
 * metrics and the scores, with thresholds from the config. Findings of one rule are grouped into one
 * Finding with members; each finding points at the cell behind it (执行率 cell, 得分 cell, 结论 cell …).
 * Output order is deterministic: category order, then catalogue order, then position.
 */
import { a1 } from "./address";
import { displayName } from "./headers";
import { CATEGORY_ORDER, RULES, checklistRuleFor, hasRule, ruleFor } from "./rules/catalogue";
import { budgetTablesOf } from "./metrics";
import { sangongFindings } from "./rules/sangong";
import type {
  BudgetRow,
  BudgetTable,
  Detection,
  EvalConfig,
  Finding,
  FindingMember,
  IndicatorTable,
  Ledger,
  Metrics,
  RowRate,
  ScoreResult,
  Severity,
  TableKind,
  TargetRow,
} from "./types";
import { normalizeText, readTargetValue } from "./values";

type Params = Record<string, string | number>;

const EPS = 1e-9;

/** Round for display in params (values stay numbers; templates format them). */
function r2(x: number): number {
  return Math.round(x * 100 + Number.EPSILON * 100) / 100;
}

/** A finding member as it is output (no per-member copies: at 100k rows they dominate memory). */
type MemberAt = FindingMember;

function member(sheet: string, row: number, col: number, params: Params): MemberAt {
  return { sheet, cell: a1(row, col), params };
}

/** One grouped finding from its members; the main cell is `main` (default: the first member). */
function grouped(
  code: string,
  members: MemberAt[],
  params: Params,
  options: { severity?: Severity; main?: MemberAt; evidence?: Finding["evidence"] } = {},
): Finding | null {
  if (members.length === 0) return null;
  const rule = ruleFor(code);
  const main = options.main ?? members[0];
  const finding: Finding = {
    rule: code,
    severity: options.severity ?? rule.severity,
    category: rule.category,
    params: { ...main.params, ...params },
    sheet: main.sheet,
    cell: main.cell,
    members,
  };
  if (options.evidence) finding.evidence = options.evidence;
  return finding;
}

// ───────────────────────────── budget ─────────────────────────────

const MONEY_LABEL: Record<"initial" | "adjustment" | "adjusted" | "finalAccounts" | "actual", string> = {
  initial: "年初预算数",
  adjustment: "预算调整数",
  adjusted: "调整后预算数",
  finalAccounts: "决算数",
  actual: "实际支出数",
};

const MONEY_FIELDS = ["initial", "adjustment", "adjusted", "finalAccounts", "actual"] as const;

/**
 * Rows that repeat the total row: when exactly one part of a total (a row that is neither the total nor
 * a 其中 sub-row) carries any figure and its figures are the total's, the two are one sum of money and
 * one finding naming the total row says it (年度资金总额 = 其中：当年财政拨款 on most 自评表).
 */
function repeatsOfTotal(table: BudgetTable, tolerance: number): Set<number> {
  const rows = table.rows;
  const out = new Set<number>();
  let total: BudgetRow | null = null;
  for (let i = 0; i < rows.length; i++)
    if (rows[i].isTotal) {
      if (total) return out; // several totals: no single pair to fold
      total = rows[i];
    }
  if (!total) return out;
  const funded = (r: BudgetRow) => MONEY_FIELDS.some((f) => Math.abs(r[f] ?? 0) > tolerance + EPS);
  let only = -1;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.isTotal || r.isSubItem || !funded(r)) continue;
    if (only !== -1) return out;
    only = i;
  }
  if (only === -1) return out;
  const part = rows[only];
  const t = total;
  if (MONEY_FIELDS.every((f) => Math.abs((part[f] ?? 0) - (t[f] ?? 0)) <= tolerance + EPS)) out.add(only);
  return out;
}

function budgetFindings(detection: Detection, metrics: Metrics, config: EvalConfig): Finding[] {
  const out: (Finding | null)[] = [];
  // every budget table's checks; its rates are the next rows.length entries of the metrics
  const tables = budgetTablesOf(detection);
  let offset = 0;
  for (let t = 0; t < tables.length; t++) {
    out.push(...budgetTableFindings(detection, tables[t], t === 0, offset, metrics, config));
    offset += tables[t].rows.length;
  }
  const structure = detection.structure;
  if (structure) {
    const total = structure.rows.find((r) => r.type === "total" && r.amount !== null);
    const parts = structure.rows.filter((r) => r.type !== "total" && r.amount !== null);
    if (total && parts.length > 0) {
      const sum = parts.reduce((s, r) => s + (r.amount as number), 0);
      const diff = (total.amount as number) - sum;
      if (Math.abs(diff) > config.thresholds.tolerance + EPS) {
        const m = member(structure.location.sheet, total.row, total.col, {
          label: "支出结构",
          parts: parts.map((p) => displayName(p.name)).join("＋"),
          sum: r2(sum),
          total: total.amount as number,
          diff: r2(diff),
        });
        out.push(grouped("STRUCTURE_MISMATCH", [m], {}));
      }
    }
  }
  return out.filter((f): f is Finding => f !== null);
}

/** The checks of one budget table; `offset` is where its rows' rates start in the metrics, `main`
 *  whether department-level figures (决算完整性) are its. */
function budgetTableFindings(
  detection: Detection,
  budget: BudgetTable,
  main: boolean,
  offset: number,
  metrics: Metrics,
  config: EvalConfig,
): (Finding | null)[] {
  const out: (Finding | null)[] = [];
  const t = config.thresholds;
  const { sheet, columns } = budget.location;
  const count = budget.rows.length;
  const repeats = repeatsOfTotal(budget, t.tolerance);
  const rateCol = columns.executionRate ?? columns.actual ?? columns.finalAccounts ?? columns.name ?? 0;
  const adjCol = columns.adjustmentRate ?? columns.adjustment ?? columns.adjusted ?? columns.name ?? 0;
  const rateMember = (rate: RowRate, col: number) =>
    member(sheet, rate.row, col, {
      name: displayName(rate.name),
      rate: rate.value ?? 0,
      actual: rate.numerator ?? 0,
      budget: rate.denominator ?? 0,
    });
  // a rate of this table (rates of a hand-built detection may be fewer than its rows)
  const rateAt = (list: RowRate[], i: number): RowRate | null => {
    const r = list[offset + i];
    return r !== undefined && r.sheet === sheet && r.row === budget.rows[i].row ? r : null;
  };

  // one pass over the 执行率 of every row: members made directly, no filtered copies of 100k rates
  const deptExec = main ? metrics.departmentExecution : null;
  const highMembers: MemberAt[] = [];
  const lowMembers: MemberAt[] = [];
  let highMain: MemberAt | undefined;
  for (let i = 0; i < count; i++) {
    const r = rateAt(metrics.execution, i);
    if (r === null || r.value === null || repeats.has(i)) continue;
    if (r.value > t.executionHigh + EPS) {
      const m = rateMember(r, rateCol);
      if (highMain === undefined && deptExec !== null && r.row === deptExec.row) highMain = m;
      highMembers.push(m);
    }
    if (r.value < t.executionLow - EPS) lowMembers.push(rateMember(r, rateCol));
  }
  out.push(
    grouped(
      "BUDGET_EXECUTION_HIGH",
      highMembers,
      { limit: t.executionHigh },
      {
        main: highMain,
        evidence: { actual: (highMain ?? highMembers[0])?.params.rate as number, limit: t.executionHigh },
      },
    ),
  );
  out.push(grouped("BUDGET_EXECUTION_LOW", lowMembers, { limit: t.executionLow }));

  const deptAdj = main ? metrics.departmentAdjustment : null;
  const adjMembers: MemberAt[] = [];
  let adjMain: MemberAt | undefined;
  let isError = false;
  for (let i = 0; i < count; i++) {
    const r = rateAt(metrics.adjustment, i);
    if (r === null || r.value === null || repeats.has(i) || Math.abs(r.value) <= t.adjustmentWarn + EPS)
      continue;
    const m = member(sheet, r.row, adjCol, {
      name: displayName(r.name),
      rate: r.value,
      adjustment: r.numerator ?? 0,
      initial: r.denominator ?? 0,
    });
    if (adjMain === undefined && deptAdj !== null && r.row === deptAdj.row) adjMain = m;
    if (Math.abs(r.value) > t.adjustmentError + EPS) isError = true;
    adjMembers.push(m);
  }
  out.push(
    grouped(
      "BUDGET_ADJUSTMENT_RATE",
      adjMembers,
      { limit: isError ? t.adjustmentError : t.adjustmentWarn },
      {
        severity: isError ? "error" : "warning",
        main: adjMain,
        evidence: {
          actual: (adjMain ?? adjMembers[0])?.params.rate as number,
          limit: isError ? t.adjustmentError : t.adjustmentWarn,
        },
      },
    ),
  );

  const mismatches: MemberAt[] = [];
  for (let i = 0; i < count; i++) {
    const row = budget.rows[i];
    if (
      row.isSubItem ||
      repeats.has(i) ||
      row.initial === null ||
      row.adjustment === null ||
      row.adjusted === null
    )
      continue;
    const expected = row.initial + row.adjustment;
    const diff = row.adjusted - expected;
    if (Math.abs(diff) > t.tolerance + EPS)
      mismatches.push(
        member(sheet, row.row, columns.adjusted ?? 0, {
          name: displayName(row.name),
          initial: row.initial,
          adjustment: row.adjustment,
          expected: r2(expected),
          adjusted: row.adjusted,
          diff: r2(diff),
        }),
      );
  }
  out.push(grouped("BUDGET_ADJUSTED_MISMATCH", mismatches, {}));

  const fa = main ? metrics.finalAccounts : null;
  if (fa && fa.gap > t.tolerance + EPS) {
    const totalRow = budget.rows.find((r) => r.isTotal && r.finalAccounts !== null);
    const anyRow = totalRow ?? budget.rows.find((r) => r.finalAccounts !== null) ?? budget.rows[0];
    const col = columns.finalAccounts ?? columns.actual ?? 0;
    const statement = detection.finalAccounts;
    const statementCell = fa.source === "finalAccountsTable" ? statement?.cells.expenditureTotal : undefined;
    const at = member(
      statementCell && statement ? statement.location.sheet : sheet,
      statementCell ? statementCell.row : anyRow ? anyRow.row : budget.location.headerRow,
      statementCell ? statementCell.col : col,
      {
        final: r2(fa.finalTotal),
        actual: r2(fa.actualTotal),
        gap: r2(fa.gap),
      },
    );
    const f = grouped(
      "FINAL_ACCOUNTS_INCOMPLETE",
      [at],
      {},
      { evidence: { actual: r2(fa.finalTotal), limit: r2(fa.actualTotal) } },
    );
    if (f) f.members = [];
    out.push(f);
  }

  out.push(grouped("STRUCTURE_MISMATCH", budgetSumMismatches(budget.rows, sheet, columns, t.tolerance), {}));
  return out;
}

/** Each money column: Σ detail rows (no total, no 其中 rows) vs the total row. */
function budgetSumMismatches(
  rows: BudgetRow[],
  sheet: string,
  columns: Partial<Record<string, number>>,
  tolerance: number,
): MemberAt[] {
  const total = rows.find((r) => r.isTotal);
  if (!total) return [];
  const details = rows.filter((r) => !r.isTotal && !r.isSubItem);
  const out: MemberAt[] = [];
  for (const field of ["initial", "adjustment", "adjusted", "finalAccounts", "actual"] as const) {
    const col = columns[field];
    const totalValue = total[field];
    if (col === undefined || totalValue === null) continue;
    // Σ over the rows that have a figure, in row order (no per-field copy of 100k values)
    let sum = 0;
    let count = 0;
    for (let i = 0; i < details.length; i++) {
      const v = details[i][field];
      if (v === null) continue;
      sum += v;
      count++;
    }
    if (count === 0) continue;
    const diff = totalValue - sum;
    if (Math.abs(diff) > tolerance + EPS)
      out.push(
        member(sheet, total.row, col, {
          label: MONEY_LABEL[field],
          parts: details
            .filter((r) => r[field] !== null)
            .map((r) => displayName(r.name))
            .join("＋"),
          sum: r2(sum),
          total: totalValue,
          diff: r2(diff),
        }),
      );
  }
  return out;
}

// ───────────────────────────── indicators ─────────────────────────────

function isLedgerOwned(ledger: Ledger | undefined, sheet: string, address: string, value: string): boolean {
  return !!ledger?.entries.some((e) => e.sheet === sheet && e.address === address && e.value === value);
}

function indicatorFindings(result: ScoreResult, config: EvalConfig, ledger: Ledger | undefined): Finding[] {
  const out: (Finding | null)[] = [];
  const table: IndicatorTable = result.table;
  const { sheet, columns, headerRow } = table.location;
  const t = config.thresholds;
  const scoreCol = columns.score ?? columns.weight ?? columns.level3 ?? 0;
  const weightCol = columns.weight ?? columns.weight3 ?? columns.weight1 ?? scoreCol;
  const name = (level3: string, level2: string, level1: string) => level3 || level2 || level1;

  // weights: first level total, then children vs parent
  const levelSum = result.levels.reduce((s, l) => s + l.weight, 0);
  const expected = table.totalRow?.weight ?? 100;
  if (result.levels.length > 0 && Math.abs(levelSum - expected) > 1e-6) {
    const row = table.totalRow?.row ?? headerRow;
    out.push(
      grouped("WEIGHTS_LEVEL1_TOTAL", [member(sheet, row, weightCol, { sum: r2(levelSum), expected })], {}),
    );
    const last = out[out.length - 1];
    if (last) last.members = [];
  }
  const children: MemberAt[] = [];
  const rowWeight = (rows: typeof table.rows) => rows.reduce((s, r) => s + (r.weight ?? 0), 0);
  for (const [level1, weight] of Object.entries(table.levelWeights)) {
    const rows = table.rows.filter((r) => r.level1 === level1);
    if (rows.length === 0 || rows.some((r) => r.weight === null)) continue;
    const sum = rowWeight(rows);
    if (Math.abs(sum - weight) > 1e-6)
      children.push(
        member(sheet, rows[0].row, columns.weight1 ?? columns.level1 ?? weightCol, {
          parent: level1,
          sum: r2(sum),
          weight,
        }),
      );
  }
  for (const [key, weight] of Object.entries(table.level2Weights)) {
    const rows = table.rows.filter((r) => `${r.level1}/${r.level2}` === key);
    if (rows.length === 0 || rows.some((r) => r.weight === null)) continue;
    const sum = rowWeight(rows);
    if (Math.abs(sum - weight) > 1e-6)
      children.push(
        member(sheet, rows[0].row, columns.weight2 ?? columns.level2 ?? weightCol, {
          parent: rows[0].level2,
          sum: r2(sum),
          weight,
        }),
      );
  }
  out.push(grouped("WEIGHTS_CHILDREN", children, {}));

  const outOfRange: MemberAt[] = [];
  const disagrees: MemberAt[] = [];
  const band: MemberAt[] = [];
  const unscored: MemberAt[] = [];
  const lowRate: MemberAt[] = [];
  for (let i = 0; i < result.rows.length; i++) {
    const scored = result.rows[i];
    const src = scored.source;
    const indicator = name(src.level3, src.level2, src.level1);
    const weight = src.weight;
    if (src.entered !== null && weight !== null && (src.entered < -EPS || src.entered > weight + EPS))
      outOfRange.push(member(sheet, src.row, scoreCol, { indicator, score: src.entered, weight }));
    if (
      scored.method === "entered" &&
      src.entered !== null &&
      scored.computed !== null &&
      Math.abs(src.entered - scored.computed) > t.scoreDisagreement + EPS
    )
      disagrees.push(
        member(sheet, src.row, scoreCol, { indicator, entered: src.entered, computed: scored.computed }),
      );
    if (scored.band && src.entered !== null && weight !== null) {
      const low = scored.band[0] * weight;
      const high = scored.band[1] * weight;
      if (src.entered < low - EPS || src.entered > high + EPS)
        band.push(
          member(sheet, src.row, scoreCol, {
            indicator,
            actual: typeof src.actual === "string" ? src.actual : String(src.actual ?? ""),
            low: r2(low),
            high: r2(high),
            score: src.entered,
          }),
        );
    }
    if (scored.method === "unscored" && scored.score === null)
      unscored.push(
        member(sheet, src.row, scoreCol, { indicator, reason: scored.note ?? "评分标准无法解析" }),
      );
    if (
      scored.rate !== null &&
      scored.score !== null &&
      weight !== null &&
      scored.rate < t.lowScoreRate - EPS
    )
      lowRate.push(
        member(sheet, src.row, scoreCol, { indicator, score: scored.score, weight, rate: scored.rate }),
      );
  }
  out.push(grouped("SCORE_OUT_OF_RANGE", outOfRange, {}));
  out.push(grouped("SCORE_DISAGREES", disagrees, { limit: t.scoreDisagreement }));
  out.push(grouped("QUALITATIVE_BAND", band, {}));
  out.push(grouped("UNSCORED_ROW", unscored, {}));
  out.push(grouped("LOW_SCORE_RATE", lowRate, { limit: t.lowScoreRate }));

  const totalRow = table.totalRow;
  if (totalRow && totalRow.entered !== null && columns.score !== undefined) {
    const address = a1(totalRow.row, columns.score);
    const ours = ledger?.entries.some(
      (e) => e.sheet === sheet && e.address === address && e.value === totalRow.entered,
    );
    if (!ours && Math.abs(totalRow.entered - result.total.score) > t.scoreDisagreement + EPS) {
      const f = grouped(
        "TOTAL_DISAGREES",
        [
          member(sheet, totalRow.row, columns.score, {
            entered: totalRow.entered,
            computed: result.total.score,
          }),
        ],
        {},
      );
      if (f) f.members = [];
      out.push(f);
    }
  }

  const written = table.writtenGrade;
  if (written) {
    const grade = normalizeText(written.grade).replace(/\s+/g, "");
    const owned = isLedgerOwned(ledger, sheet, a1(written.row, written.col), written.grade);
    if (!owned && grade !== result.total.grade) {
      const f = grouped(
        "GRADE_MISMATCH",
        [
          member(sheet, written.row, written.col, {
            written: written.grade,
            total: result.total.score,
            grade: result.total.grade,
          }),
        ],
        {},
        { evidence: { actual: written.grade, limit: result.total.grade } },
      );
      if (f) f.members = [];
      out.push(f);
    }
  }
  return out.filter((f): f is Finding => f !== null);
}

// ───────────────────────────── targets ─────────────────────────────

type TargetCategory = "quantity" | "quality" | "timeliness" | "benefit" | "satisfaction";

const TARGET_CATEGORIES: { key: TargetCategory; zh: string; en: string; test: (r: TargetRow) => boolean }[] =
  [
    { key: "quantity", zh: "数量指标", en: "quantity indicators", test: (r) => r.level2.includes("数量") },
    { key: "quality", zh: "质量指标", en: "quality indicators", test: (r) => r.level2.includes("质量") },
    {
      key: "timeliness",
      zh: "时效指标",
      en: "timeliness indicators",
      test: (r) => r.level2.includes("时效"),
    },
    {
      key: "benefit",
      zh: "效益指标",
      en: "benefit indicators",
      test: (r) => r.level1.includes("效益") || r.level2.includes("效益") || r.level2.includes("可持续影响"),
    },
    {
      key: "satisfaction",
      zh: "满意度指标",
      en: "satisfaction indicators",
      test: (r) => r.level1.includes("满意度") || r.level2.includes("满意度"),
    },
  ];

/** 三级 names that say nothing measurable on their own (SPEC §5). */
export const VAGUE_TARGET_NAMES = ["经济效益", "社会效益", "生态效益", "年度工作目标实现", "可持续影响"];

function targetFindings(detection: Detection): Finding[] {
  const targets = detection.targets;
  if (!targets) return [];
  const { sheet, columns } = targets.location;
  const projectCol = columns.project ?? columns.level1 ?? 0;
  const valueCol = columns.target ?? columns.level3 ?? projectCol;
  const projects: { name: string; rows: TargetRow[] }[] = [];
  for (const row of targets.rows) {
    const name = row.project.trim();
    if (!name) continue;
    const last = projects[projects.length - 1];
    const existing = last && last.name === name ? last : projects.find((p) => p.name === name);
    if (existing) existing.rows.push(row);
    else projects.push({ name, rows: [row] });
  }
  const out: (Finding | null)[] = [];
  for (const cat of TARGET_CATEGORIES) {
    const members = projects
      .filter((p) => !p.rows.some(cat.test))
      .map((p) => member(sheet, p.rows[0].row, projectCol, { project: p.name }));
    out.push(grouped("TARGET_CATEGORY_MISSING", members, { category: cat.zh, categoryEn: cat.en }));
  }
  const vague: MemberAt[] = [];
  for (const row of targets.rows) {
    const indicator = normalizeText(row.level3).replace(/\s+/g, "");
    const value = readTargetValue(row.value);
    const valueText = row.value === null ? "" : String(row.value);
    const genericName = VAGUE_TARGET_NAMES.includes(indicator);
    const unquantified =
      row.valueType === "定量" && (value.value === null || (value.unit === null && !row.unit));
    if (genericName || unquantified)
      vague.push(
        member(sheet, row.row, valueCol, {
          project: row.project,
          level1: row.level1,
          indicator: row.level3,
          value: valueText || "空",
        }),
      );
  }
  out.push(grouped("TARGET_VAGUE", vague, {}));
  return out.filter((f): f is Finding => f !== null);
}

// ───────────────────────────── checklist ─────────────────────────────

function checklistFindings(detection: Detection): Finding[] {
  const checklist = detection.checklist;
  if (!checklist) return [];
  const sheet = checklist.location.sheet;
  const out: Finding[] = [];
  for (const row of checklist.rows) {
    if (row.ok !== false) continue;
    const rule = checklistRuleFor(row.item);
    const params: Params = { item: row.item, conclusion: row.raw };
    if (row.note) params.note = row.note;
    if (row.basis) params.basis = row.basis;
    out.push({
      rule: rule.code,
      severity: rule.severity,
      category: rule.category,
      params,
      sheet,
      cell: a1(row.row, row.conclusionCol),
      members: [],
      evidence: { actual: row.raw },
    });
  }
  return out;
}

// ───────────────────────────── data quality ─────────────────────────────

const TABLE_NAMES: Record<TableKind, { zh: string; en: string }> = {
  budget: { zh: "预算执行表", en: "budget table" },
  structure: { zh: "支出结构表", en: "expenditure structure table" },
  indicators: { zh: "指标评分表", en: "indicator scoring table" },
  targets: { zh: "绩效目标表", en: "performance target table" },
  checklist: { zh: "管理情况检查表", en: "management checklist" },
  finalAccounts: { zh: "收入支出决算总表", en: "final accounts statement" },
  sangong: { zh: "“三公”经费表", en: "“three public expenses” table" },
};

export function tableName(kind: TableKind, lang: "zh-CN" | "en-US"): string {
  return lang === "zh-CN" ? TABLE_NAMES[kind].zh : TABLE_NAMES[kind].en;
}

function dataFindings(detection: Detection): Finding[] {
  const byCode = new Map<string, MemberAt[]>();
  for (const p of detection.problems) {
    const code = hasRule(p.code) ? p.code : "DATA_INPUT";
    const params: Params = code === "DATA_INPUT" ? { ...p.params, problem: p.code } : { ...p.params };
    const list = byCode.get(code) ?? [];
    list.push(member(p.sheet, p.row, p.col, params));
    byCode.set(code, list);
  }
  const out: Finding[] = [];
  for (const [code, members] of byCode) {
    const f = grouped(code, members, {});
    if (f) out.push(f);
  }
  for (const kind of detection.missing) {
    const rule = ruleFor("TABLE_MISSING");
    out.push({
      rule: rule.code,
      severity: rule.severity,
      category: rule.category,
      params: { table: TABLE_NAMES[kind].zh, tableEn: TABLE_NAMES[kind].en, kind },
      sheet: null,
      cell: null,
      members: [],
    });
  }
  return out;
}

// ───────────────────────────── all together ─────────────────────────────

const RULE_INDEX = new Map(RULES.map((r, i) => [r.code, i]));

/** Every finding, grouped per rule, in category/catalogue order. */
export function deriveFindings(
  detection: Detection,
  metrics: Metrics,
  scores: ScoreResult[],
  config: EvalConfig,
  ledger?: Ledger,
): Finding[] {
  const all: Finding[] = [
    ...budgetFindings(detection, metrics, config),
    ...sangongFindings(detection, metrics, config),
    ...targetFindings(detection),
    ...checklistFindings(detection),
    ...scores.flatMap((s) => indicatorFindings(s, config, ledger)),
    ...dataFindings(detection),
  ];
  const categoryIndex = (f: Finding) => CATEGORY_ORDER.indexOf(f.category);
  return all
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        categoryIndex(a.f) - categoryIndex(b.f) ||
        (RULE_INDEX.get(a.f.rule) ?? 999) - (RULE_INDEX.get(b.f.rule) ?? 999) ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}
