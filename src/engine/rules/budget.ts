/**
 * Rule family: budget execution and reconciliation (预决算管理) — 执行率 above or below its limits, 调整率,
 * 调整后预算数 ≠ 年初预算数 + 预算调整数, 决算 not covering all spending, items not adding up to the total.
 * Its catalogue entries, then its checks over every budget table and the 支出结构 tables (by rows, and by
 * columns: 人员经费 + 公用经费 = 基本支出, 基本支出 + 项目支出 = 支出合计).
 */
import { displayName } from "../headers";
import { budgetTablesOf } from "../metrics";
import { spendingSums, sumOfParts } from "../spending";
import type {
  BudgetRow,
  BudgetTable,
  Detection,
  EvalConfig,
  Finding,
  Metrics,
  RowRate,
  SpendingTable,
} from "../types";
import { EPS, grouperOf, member, present, r2, type MemberAt, type RuleDef, type Texts } from "./define";

// ───────────────────────────── policy texts ─────────────────────────────

const BUDGET_LAW_13: Texts = {
  "zh-CN":
    "《中华人民共和国预算法》第十三条：“各级政府、各部门、各单位的支出必须以经批准的预算为依据，未列入预算的不得支出。”超出预算的支出应依法履行预算调整程序（第六十七条）。",
  "en-US":
    'Budget Law of the PRC, Article 13: "Expenditures of governments, departments and units at all levels must be based on the approved budget; no expenditure may be made that is not included in the budget." Spending beyond the budget requires the statutory budget adjustment procedure (Article 67).',
};

const FINAL_ACCOUNTS_LAW: Texts = {
  "zh-CN":
    "《中华人民共和国预算法》第七十五条：“编制决算草案，必须符合法律、行政法规，做到收支真实、数额准确、内容完整、报送及时。”《中华人民共和国预算法实施条例》第八十三条：“决算各项数据应当以经核实的各级政府、各部门、各单位会计数据为准，不得以估计数据替代，不得弄虚作假”。",
  "en-US":
    'Budget Law of the PRC, Article 75: "Draft final accounts must comply with laws and administrative regulations, with true revenue and expenditure, accurate amounts, complete content and timely submission." Implementing Regulations of the Budget Law, Article 83: "All figures in the final accounts shall be based on verified accounting data of governments, departments and units at all levels; estimates shall not be substituted and no falsification is allowed."',
};

const RECONCILIATION: Texts = {
  "zh-CN":
    "预决算报表勾稽关系：分项之和应等于合计，基本支出＋项目支出＝支出合计，年初预算数＋预算调整数＝调整后预算数。",
  "en-US":
    "Reconciliation of budget statements: the items must add up to the total, basic + project expenditure = total expenditure, and initial budget + adjustment = adjusted budget.",
};

const SPENDING_RECONCILIATION: Texts = {
  "zh-CN":
    "部门决算支出结构勾稽关系：人员经费支出＋公用经费支出＝基本支出，基本支出＋项目支出（＋上缴上级支出、经营支出、对附属单位补助支出）＝支出合计；多个单位时，合计行各栏＝各单位之和。",
  "en-US":
    "Reconciliation of the expenditure structure: personnel + public expenses = basic expenditure, and basic + project expenditure (+ payments to higher-level units, business expenditure, subsidies to subordinate units) = total expenditure; with several units, each column of the total row = the sum of the units.",
};

export const REC_BUDGET_SYSTEM: Texts = {
  "zh-CN":
    "建议部门建立健全预算编制、审批、执行、调整、决算与评价等预算内部管理制度，明确财务部门和业务部门职责分工，提升预决算管理统筹组织能力。",
  "en-US":
    "Establish internal rules for budget preparation, approval, execution, adjustment, final accounts and evaluation, define the duties of the finance and business units, and strengthen the coordination of budget and final-accounts management.",
};

const REC_BUDGET_ACCURACY: Texts = {
  "zh-CN":
    "建议部门提高预算编制合理性。将年度重点工作与预算安排相结合，充分结合当年工作计划及历年支出情况合理编制预算，降低预算调整率，强化内部科室在编制预算时的责任意识，抓实立项依据、预算编制的合理性和充分性，进一步保障预算编制的合理性。",
  "en-US":
    "Make budgets more realistic: tie the year's key tasks to the budget, prepare it from the work plan and past spending, lower the adjustment rate, make every office accountable for its budget requests and substantiate the basis of each project.",
};

const REC_FINAL_ACCOUNTS: Texts = {
  "zh-CN":
    "建议提高决算数据准确性，提前做好决算编审的各项准备工作，积极与财政对账，夯实年度结账前的基础工作，使决算全面反映部门年度收支结果，为下一年度部门预算提供重要参考。",
  "en-US":
    "Improve the accuracy of the final accounts: prepare the final-accounts work early, reconcile with the finance bureau and complete the groundwork before year-end closing, so that the final accounts reflect all of the department's revenue and expenditure and inform next year's budget.",
};

// ───────────────────────────── catalogue entries ─────────────────────────────

export const BUDGET_RULES = [
  {
    code: "BUDGET_EXECUTION_HIGH",
    category: "budget",
    severity: "error",
    title: { "zh-CN": "预算执行率超过100%", "en-US": "Budget execution above 100%" },
    message: {
      "zh-CN": "以下资金的预算执行率超过{limit%~}：{list}，存在超预算支出或预算未按程序调整的情况。",
      "en-US":
        "Budget execution exceeds {limit%~}: {list}; spending went beyond the budget or the budget was not adjusted as required.",
    },
    member: {
      "zh-CN": "{name}执行率{rate%}（支出{actual.2}万元，预算{budget.2}万元）",
      "en-US": "{name} {rate%} (spent {actual.2}, budget {budget.2}, 10k yuan)",
    },
    basis: BUDGET_LAW_13,
    recommendation: REC_BUDGET_ACCURACY,
  },
  {
    code: "BUDGET_EXECUTION_LOW",
    category: "budget",
    severity: "warning",
    title: { "zh-CN": "预算执行率偏低", "en-US": "Low budget execution" },
    message: {
      "zh-CN": "以下资金的预算执行率低于{limit%~}：{list}，应说明原因。",
      "en-US": "Budget execution is below {limit%~}: {list}; the reason must be explained.",
    },
    member: {
      "zh-CN": "{name}执行率{rate%}（支出{actual.2}万元，预算{budget.2}万元）",
      "en-US": "{name} {rate%} (spent {actual.2}, budget {budget.2}, 10k yuan)",
    },
    basis: {
      "zh-CN": "单位自评规则：预算执行率低于90%的，应当说明原因。",
      "en-US": "Self-evaluation rule: budget execution below 90% must be explained.",
    },
    recommendation: {
      "zh-CN": "建议部门加强预算执行的常态化监控和跟踪，分析执行偏慢的原因，及时调整支出计划。",
      "en-US":
        "Monitor budget execution continuously, analyse why spending lags and adjust the spending plan in time.",
    },
  },
  {
    code: "BUDGET_ADJUSTMENT_RATE",
    category: "budget",
    severity: "warning",
    title: {
      "zh-CN": "部门预算资金调剂数量较大，预算调整率较高",
      "en-US": "Large budget adjustments, high adjustment rate",
    },
    message: {
      "zh-CN": "预算调整率超过{limit%~}：{list}，侧面反映出部门年初预算编制的计划性和准确性还有待提升。",
      "en-US":
        "The budget adjustment rate exceeds {limit%~}: {list}; the initial budget was not planned accurately enough.",
    },
    member: {
      "zh-CN": "{name}预算调整{adjustment.2}万元，预算调整率{rate%}",
      "en-US": "{name} adjusted by {adjustment.2} (10k yuan), rate {rate%}",
    },
    basis: {
      "zh-CN":
        "《中华人民共和国预算法》第三十二条：各级预算应当根据年度经济社会发展目标、国家宏观调控总体要求和跨年度预算平衡的需要，参考上一年预算执行情况、有关支出绩效评价结果和本年度收支预测编制；财政部门预算调整率30%预警口径。",
      "en-US":
        "Budget Law of the PRC, Article 32: budgets are prepared from the year's development targets, macro-control requirements and multi-year balance, with reference to last year's execution, performance evaluation results and this year's forecasts; finance departments warn at an adjustment rate of 30%.",
    },
    recommendation: REC_BUDGET_ACCURACY,
  },
  {
    code: "BUDGET_ADJUSTED_MISMATCH",
    category: "budget",
    severity: "error",
    title: { "zh-CN": "调整后预算数与调整数不勾稽", "en-US": "Adjusted budget does not reconcile" },
    message: {
      "zh-CN": "年初预算数＋预算调整数≠调整后预算数：{list}。",
      "en-US": "Initial budget + adjustment ≠ adjusted budget: {list}.",
    },
    member: {
      "zh-CN": "{name}{initial.2}＋{adjustment.2}＝{expected.2}万元，但调整后预算数填列{adjusted.2}万元",
      "en-US":
        "{name}: {initial.2} + {adjustment.2} = {expected.2}, but the adjusted budget reads {adjusted.2} (10k yuan)",
    },
    basis: RECONCILIATION,
    recommendation: REC_BUDGET_SYSTEM,
  },
  {
    code: "FINAL_ACCOUNTS_INCOMPLETE",
    category: "budget",
    severity: "error",
    title: { "zh-CN": "决算数据不准确，未将全部资金纳入决算", "en-US": "Final accounts incomplete" },
    message: {
      "zh-CN":
        "全部支出为{actual.2}万元，决算支出为{final.2}万元，相差{gap.2}万元，未将部门全部资金纳入决算公开。",
      "en-US":
        "Total spending is {actual.2} but the final accounts show {final.2} (10k yuan): {gap.2} of the department's funds are missing from the published final accounts.",
    },
    basis: FINAL_ACCOUNTS_LAW,
    recommendation: REC_FINAL_ACCOUNTS,
  },
  {
    code: "STRUCTURE_MISMATCH",
    category: "budget",
    severity: "error",
    title: { "zh-CN": "分项之和与合计不符", "en-US": "Items do not add up to the total" },
    message: {
      "zh-CN": "分项之和与合计不符：{list}。",
      "en-US": "The items do not add up to the total: {list}.",
    },
    member: {
      "zh-CN": "{label}：{parts}之和为{sum.2}万元，合计为{total.2}万元，相差{diff.2}万元",
      "en-US":
        "{label}: {parts} add up to {sum.2} but the total is {total.2}, a difference of {diff.2} (10k yuan)",
    },
    basis: RECONCILIATION,
    recommendation: REC_FINAL_ACCOUNTS,
  },
  {
    code: "SPENDING_STRUCTURE_MISMATCH",
    category: "budget",
    severity: "error",
    title: { "zh-CN": "支出结构分项之和与合计不符", "en-US": "Expenditure structure does not add up" },
    message: {
      "zh-CN": "支出结构表分项之和与合计不符：{list}。",
      "en-US": "The expenditure structure does not add up: {list}.",
    },
    member: {
      "zh-CN": "{name}的{label}（{cell}）：{parts}之和为{sum.2}万元，表中为{total.2}万元，相差{diff.2}万元",
      "en-US":
        "{label} of {name} ({cell}): {parts} add up to {sum.2} but the table says {total.2}, a difference of {diff.2} (10k yuan)",
    },
    basis: SPENDING_RECONCILIATION,
    recommendation: REC_FINAL_ACCOUNTS,
  },
] as const satisfies readonly RuleDef[];

export type BudgetCode = (typeof BUDGET_RULES)[number]["code"];

const grouped = grouperOf(BUDGET_RULES);

// ───────────────────────────── checks ─────────────────────────────

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

export function budgetFindings(detection: Detection, metrics: Metrics, config: EvalConfig): Finding[] {
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
  if (detection.spending) out.push(spendingMismatches(detection.spending, config.thresholds.tolerance));
  return present(out);
}

/** Each row of an expenditure-structure table by columns: 基本支出 ≠ 人员经费 + 公用经费, 支出合计 ≠ 基本支出 +
 *  项目支出 (+ other spending), naming the written cell and both figures. */
function spendingMismatches(table: SpendingTable, tolerance: number): Finding | null {
  const members: MemberAt[] = [];
  for (const row of table.rows)
    for (const sum of spendingSums(table, row)) {
      const parts = sumOfParts(sum);
      if (parts === null) continue;
      const diff = sum.written - parts;
      if (Math.abs(diff) <= tolerance + EPS) continue;
      members.push(
        member(table.location.sheet, row.row, sum.col, {
          name: displayName(row.name) || table.location.sheet,
          label: table.headers[sum.field] ?? "",
          parts: sum.parts.map((p) => p.header).join("＋"),
          sum: r2(parts),
          total: sum.written,
          diff: r2(diff),
        }),
      );
    }
  members.push(...unitSumMismatches(table, tolerance, new Set(members.map((m) => m.cell))));
  return grouped("SPENDING_STRUCTURE_MISMATCH", members, {});
}

const SPENDING_COLUMNS = [
  "incomeTotal",
  "personnel",
  "publicFunds",
  "basicSpending",
  "projectSpending",
  "spendingTotal",
] as const;

/** Several units and one 合计 row: each column of the 合计 row against the sum of the units' figures
 *  (blank is unknown: the column is not checked; a blank other spending cell counts as nothing spent).
 *  A 合计 cell already flagged against its own row's parts is not flagged twice. 其中 rows are left out. */
function unitSumMismatches(table: SpendingTable, tolerance: number, flagged: Set<string>): MemberAt[] {
  const totals = table.rows.filter((r) => r.isTotal);
  const units = table.rows.filter((r) => !r.isTotal && !/^\s*其中/.test(r.name));
  if (totals.length !== 1 || units.length < 2) return [];
  const total = totals[0];
  const columns: {
    col: number;
    header: string;
    value: (r: typeof total) => number | null;
    optional?: boolean;
  }[] = [];
  for (const field of SPENDING_COLUMNS) {
    const col = table.location.columns[field];
    if (col !== undefined) columns.push({ col, header: table.headers[field] ?? "", value: (r) => r[field] });
  }
  table.otherColumns.forEach((o, i) =>
    columns.push({ col: o.col, header: o.header, value: (r) => r.other[i] ?? null, optional: true }),
  );
  const out: MemberAt[] = [];
  for (const c of columns) {
    const written = c.value(total);
    if (written === null) continue;
    const values = units.map(c.value);
    if (!c.optional && values.some((v) => v === null)) continue;
    const sum = values.reduce((s: number, v) => s + (v ?? 0), 0);
    const diff = written - sum;
    if (Math.abs(diff) <= tolerance + EPS) continue;
    const at = member(table.location.sheet, total.row, c.col, {
      name: displayName(total.name) || table.location.sheet,
      label: c.header,
      parts: units.map((u) => displayName(u.name)).join("＋"),
      sum: r2(sum),
      total: written,
      diff: r2(diff),
    });
    if (!flagged.has(at.cell)) out.push(at);
  }
  return out;
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
