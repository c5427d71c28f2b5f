/**
 * The "三公"经费 rule family: its catalogue entries and its checks.
 * - SANGONG_SUM_MISMATCH: the 合计 row (or 公务用车购置及运行维护费 over 购置费 + 运行维护费) differs from the sum
 *   of its items, in any of the table's columns (6 + 3.15 + 8.2 = 17.35 written as 17.53);
 * - SANGONG_INCREASE: this year's "三公"经费 above last year's (变动率 > 0; "三公"经费只减不增);
 * - SANGONG_OVER_BUDGET: this year's "三公"经费 above its budget (控制率 > 100%).
 * The figures come from ./../sangong.ts.
 */
import { displayName } from "../headers";
import { sangongCell, sangongParts, sangongTotalRow } from "../sangong";
import type {
  Detection,
  EvalConfig,
  Finding,
  Metrics,
  SangongColumn,
  SangongRow,
  SangongTable,
} from "../types";
import { EPS, grouperOf, member, present, r2, type MemberAt, type RuleDef, type Texts } from "./define";

const SANGONG_POLICY: Texts = {
  "zh-CN":
    "《党政机关厉行节约反对浪费条例》（中发〔2013〕13号）及《预算绩效评价共性指标体系框架》（财预〔2013〕53号）：严控“三公”经费支出，“三公经费”变动率＝（本年度“三公经费”总额－上年度“三公经费”总额）÷上年度“三公经费”总额×100%，“三公经费”控制率＝“三公经费”实际支出数÷“三公经费”预算安排数×100%。",
  "en-US":
    "Regulations of Party and Government Organs on Practising Thrift and Opposing Waste (Zhongfa [2013] No. 13) and the Framework of Common Indicators for Budget Performance Evaluation (Caiyu [2013] No. 53): spending on the \"three public expenses\" is strictly controlled; change rate = (this year's total − last year's total) ÷ last year's total × 100%, control rate = actual spending ÷ budgeted amount × 100%.",
};

const RECONCILIATION: Texts = {
  "zh-CN":
    "“三公”经费表勾稽关系：因公出国（境）费＋公务用车购置及运行维护费＋公务接待费＝合计，公务用车购置费＋公务用车运行维护费＝公务用车购置及运行维护费。",
  "en-US":
    "Reconciliation of the three-public-expenses table: travel abroad + official vehicles + official reception = total, and vehicle purchase + vehicle operation = official vehicles.",
};

const REC_SANGONG: Texts = {
  "zh-CN":
    "建议部门严格执行中央八项规定精神，从严控制因公出国（境）、公务用车购置及运行维护和公务接待支出，“三公”经费只减不增，支出不超过预算安排。",
  "en-US":
    "Apply the central eight-point rules strictly: keep travel abroad, official vehicles and official reception under tight control, never let the three public expenses grow, and never spend beyond their budget.",
};

const REC_TABLE: Texts = {
  "zh-CN": "建议核对“三公”经费表各分项与合计数，修正后重新评分，确保公开数据准确一致。",
  "en-US":
    "Check each item of the three-public-expenses table against its total, correct the figures and score again, so that the published figures are accurate and consistent.",
};

/** This family's catalogue entries (./catalogue.ts lists them with every other rule). */
export const SANGONG_RULES = [
  {
    code: "SANGONG_SUM_MISMATCH",
    category: "budget",
    severity: "error",
    title: { "zh-CN": "“三公”经费分项之和与合计不符", "en-US": "Three public expenses do not add up" },
    message: {
      "zh-CN": "“三公”经费表分项之和与合计不符：{list}。",
      "en-US": "The items of the three-public-expenses table do not add up: {list}.",
    },
    member: {
      "zh-CN": "{item}行{label}（{cell}）：{parts}之和为{sum.2}万元，表中为{total.2}万元，相差{diff.2}万元",
      "en-US":
        "{item}, {label} ({cell}): {parts} add up to {sum.2} but the table says {total.2}, a difference of {diff.2} (10k yuan)",
    },
    basis: RECONCILIATION,
    recommendation: REC_TABLE,
  },
  {
    code: "SANGONG_INCREASE",
    category: "budget",
    severity: "warning",
    title: { "zh-CN": "“三公”经费较上年增长", "en-US": "Three public expenses grew" },
    message: {
      "zh-CN": "“三公”经费本年{current.2}万元，较上年{prior.2}万元增长{change%}，未做到只减不增。",
      "en-US":
        "The three public expenses were {current.2} this year against {prior.2} last year (10k yuan), up {change%}: they did not fall.",
    },
    basis: SANGONG_POLICY,
    recommendation: REC_SANGONG,
  },
  {
    code: "SANGONG_OVER_BUDGET",
    category: "budget",
    severity: "warning",
    title: { "zh-CN": "“三公”经费超预算", "en-US": "Three public expenses above budget" },
    message: {
      "zh-CN": "“三公”经费支出{current.2}万元，超过预算{budget.2}万元，控制率{control%}。",
      "en-US":
        "The three public expenses were {current.2} against a budget of {budget.2} (10k yuan): control rate {control%}.",
    },
    basis: SANGONG_POLICY,
    recommendation: REC_SANGONG,
  },
] as const satisfies readonly RuleDef[];

export type SangongCode = (typeof SANGONG_RULES)[number]["code"];

const grouped = grouperOf(SANGONG_RULES);

const COLUMNS: SangongColumn[] = ["current", "prior", "budget"];

/** One member per column where `total` differs from the sum of `parts`. */
function mismatches(
  table: SangongTable,
  total: SangongRow,
  parts: SangongRow[],
  tolerance: number,
): MemberAt[] {
  const out: MemberAt[] = [];
  for (const k of COLUMNS) {
    const column = table.columns[k];
    const cell = sangongCell(table, total, k);
    const written = total[k];
    if (!column || !cell || written === null) continue;
    const counted = parts.filter((p) => p[k] !== null);
    if (counted.length === 0) continue;
    const sum = counted.reduce((s, p) => s + (p[k] as number), 0);
    const diff = written - sum;
    if (Math.abs(diff) <= tolerance + EPS) continue;
    out.push(
      member(table.location.sheet, cell.row, cell.col, {
        label: column.header,
        item: displayName(total.name),
        parts: counted.map((p) => displayName(p.name)).join("＋"),
        sum: r2(sum),
        total: written,
        diff: r2(diff),
      }),
    );
  }
  return out;
}

/** The findings of the detection's "三公"经费 table. */
export function sangongFindings(detection: Detection, metrics: Metrics, config: EvalConfig): Finding[] {
  const table = detection.sangong;
  if (!table) return [];
  const out: (Finding | null)[] = [];
  const tolerance = config.thresholds.tolerance;

  const members: MemberAt[] = [];
  const total = sangongTotalRow(table);
  if (total) members.push(...mismatches(table, total, sangongParts(table), tolerance));
  const vehicle = table.rows.find((r) => r.item === "vehicle");
  const vehicleParts = table.rows.filter((r) => r.item === "vehiclePurchase" || r.item === "vehicleRunning");
  if (vehicle && vehicleParts.length > 0)
    members.push(...mismatches(table, vehicle, vehicleParts, tolerance));
  out.push(grouped("SANGONG_SUM_MISMATCH", members, {}));

  const figures = metrics.sangong;
  if (!figures) return present(out);
  // the rates' finding points at this year's total (the 合计 row, else the first row)
  const at = total ?? table.rows[0];
  const cell = sangongCell(table, at, "current") ?? { row: at.row, col: table.location.columns.name ?? 0 };
  const single = (code: SangongCode, params: Record<string, number>) => {
    const f = grouped(code, [member(table.location.sheet, cell.row, cell.col, params)], {});
    if (f) f.members = [];
    return f;
  };
  if (figures.change !== null && figures.change > EPS)
    out.push(
      single("SANGONG_INCREASE", {
        current: r2(figures.current as number),
        prior: r2(figures.prior as number),
        change: figures.change,
      }),
    );
  if (figures.control !== null && figures.control > 1 + EPS)
    out.push(
      single("SANGONG_OVER_BUDGET", {
        current: r2(figures.current as number),
        budget: r2(figures.budget as number),
        control: figures.control,
      }),
    );
  return present(out);
}
