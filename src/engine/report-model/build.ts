/**
 * buildReportModel: one subject's evaluation → ReportModel (./types.ts).
 *
 * Every sentence that shows a number is built from the subject's computed metrics and detected tables,
 * in the shapes of a 部门整体绩效评价报告 (收入方面：…年初预算数…万元，调整预算数…万元，决算收入…万元，完成调整预算数的…%
 * …; 该部门最终得分为…分 …绩效评价结果等级为“良”). A clause whose input is missing is left out, and a
 * sentence left without its figure is left out whole — never filled with 0. What only a person can write
 * (概况, 重点工作, 主要成效, the name of the document the grading follows) is a placeholder run.
 *
 * 四、存在问题 holds the subject's own problems only (预决算, 绩效, 资产, 制度, 履职); the product's notes —
 * tables not found, cells not readable, scoring checks, checks not run — go to the appendix.
 */
import {
  CATEGORY_ORDER,
  formatPercent,
  renderBasis,
  renderMessage,
  renderRecommendation,
  renderTitle,
} from "../rules/catalogue";
import type {
  BasicInfo,
  BudgetRow,
  Category,
  Detection,
  EvalConfig,
  Finding,
  Lang,
  Metrics,
  RowRate,
  ScoreResult,
  SubjectReview,
} from "../types";
import { a1 } from "../address";
import { formatScore, zhListSeparator } from "../format";
import { REPORT_TEXT, type KindWords } from "./text";
import type {
  AppendixItem,
  ProblemGroup,
  ProblemItem,
  RecommendationGroup,
  ReportBlock,
  ReportModel,
  ReportParagraph,
  ReportRun,
  ReportSection,
  ReportSubjectKind,
  ReviewComparison,
  ScoreTable,
} from "./types";

/** One subject's evaluation: a SubjectEvaluation with the run's config and 基本信息, or (a workbook of one
 *  subject) the whole Evaluation. */
export interface ReportInput {
  subject?: { kind: ReportSubjectKind; name: string } | null;
  detection: Detection;
  metrics: Metrics;
  /** Main indicator table first. */
  scores: ScoreResult[];
  findings: Finding[];
  notChecked: { item: string; reason: string }[];
  config: EvalConfig;
  info?: BasicInfo | null;
  /** The subject's 复核 (its 自评 vs 复核 scores), when it was reviewed. */
  review?: SubjectReview | null;
}

export interface ReportModelOptions {
  /** Overrides the input's subject kind (default: the subject's, else department). */
  kind?: ReportSubjectKind;
  /** Overrides the subject's name (default: the subject's, else 基本信息's 部门名称). */
  name?: string;
  /** Overrides the year (default: 基本信息's 评价年度). */
  year?: string;
  /** Overrides the config's language. */
  lang?: Lang;
}

/** Categories whose findings are the subject's problems; the rest are the product's notes. */
const SUBJECT_CATEGORIES: ReadonlySet<Category> = new Set([
  "budget",
  "performance",
  "assets",
  "institutions",
  "duties",
]);

const text = (t: string): ReportRun => ({ text: t });
const money = (x: number): ReportRun => ({ text: x.toFixed(2), value: x, kind: "money" });
const percent = (x: number): ReportRun => ({ text: formatPercent(x), value: x, kind: "percent" });
const points = (x: number): ReportRun => ({ text: formatScore(x), value: x, kind: "score" });
const para = (runs: ReportRun[], role: ReportParagraph["role"] = "body"): ReportParagraph => ({
  type: "paragraph",
  role,
  runs,
});
const sub = (t: string): ReportBlock => ({ type: "subheading", text: t });

const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);
const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  finite(a) && finite(b) && b !== 0 ? a / b : null;

interface Context {
  lang: Lang;
  zh: boolean;
  t: (typeof REPORT_TEXT)[Lang];
  w: KindWords;
  kind: ReportSubjectKind;
  name: string | null;
  year: string | null;
  input: ReportInput;
  omitted: { item: string; text: string }[];
}

function placeholder(ctx: Context, what: string): ReportRun {
  return { text: ctx.t.placeholder(what), placeholder: true };
}

/** The subject's name as a run: the name, or a placeholder. */
function nameRun(ctx: Context): ReportRun {
  return ctx.name ? text(ctx.name) : placeholder(ctx, ctx.t.namePlaceholder(ctx.kind));
}

/** A budget row's name without its "其中：" lead. */
function rowName(name: string): string {
  return name.replace(/^\s*其中\s*[:：]\s*/, "").trim() || name;
}

/** The rate a sentence quotes: for a department the 口径 row the department metrics used (财政拨款 by
 *  default, see EvalConfig.metricBasisRow); for a project its total row (年度资金总额), else the same. */
function subjectRate(ctx: Context, which: "execution" | "adjustment"): RowRate | null {
  const m = ctx.input.metrics;
  const department = which === "execution" ? m.departmentExecution : m.departmentAdjustment;
  if (ctx.kind === "department") return department;
  const total = m[which].find((r) => r.isTotal && finite(r.value));
  return total ?? department;
}

/** The budget row the subject's figures come from: the row of its execution rate, else the total row. */
function basisRow(ctx: Context): BudgetRow | null {
  const budget = ctx.input.detection.budget;
  if (!budget) return null;
  const used = subjectRate(ctx, "execution") ?? subjectRate(ctx, "adjustment");
  const byRow = used ? budget.rows.find((r) => r.row === used.row) : undefined;
  return byRow ?? budget.rows.find((r) => r.isTotal) ?? null;
}

/** Appends every run to `out` one by one (a spread of a 50,000-row list into push() overflows the stack). */
function pushAll(out: ReportRun[], runs: readonly ReportRun[]): void {
  for (const run of runs) out.push(run);
}

/** Joins clauses (each a list of runs) with the language's separator. */
function joinClauses(ctx: Context, clauses: ReportRun[][], sep = ctx.t.clauseSep): ReportRun[] {
  const out: ReportRun[] = [];
  clauses.forEach((c, i) => {
    if (i > 0) out.push(text(sep));
    pushAll(out, c);
  });
  return out;
}

/** Clauses as a Chinese list: 、 between them, ； when one holds a ， (zhListSeparator). */
function zhList(ctx: Context, clauses: ReportRun[][]): ReportRun[] {
  return joinClauses(ctx, clauses, zhListSeparator(clauses.map(runsText)));
}

function mismatchNote(ctx: Context, row: BudgetRow): ReportRun[] {
  const { initial, adjustment, adjusted } = row;
  if (!finite(initial) || !finite(adjustment) || !finite(adjusted)) return [];
  const expected = initial + adjustment;
  if (Math.abs(expected - adjusted) <= ctx.input.config.thresholds.tolerance) return [];
  return ctx.zh
    ? [
        text("（年初预算数加调整数"),
        money(adjustment),
        text("万元应为"),
        money(expected),
        text("万元，与填列的调整预算数不符）"),
      ]
    : [
        text(" (initial plus the adjustment of "),
        money(adjustment),
        text(" gives "),
        money(expected),
        text(", not the adjusted figure entered)"),
      ];
}

/** 收入方面 / 支出方面 (部门) or the funds sentence (项目). Empty when the figures are missing. */
function fundsParagraphs(ctx: Context): ReportParagraph[] {
  const { zh, t, input } = ctx;
  if (!input.detection.budget) {
    ctx.omitted.push(t.omitted.budgetTable);
    return [];
  }
  const row = basisRow(ctx);
  if (!row) {
    ctx.omitted.push(t.omitted.budgetRow);
    return [];
  }
  const out: ReportParagraph[] = [];
  const rowRuns: ReportRun[] = row.isTotal ? [] : [text(rowName(row.name))];
  const subjectRuns: ReportRun[] = zh
    ? [text(t.yearPrefix(ctx.year)), nameRun(ctx), ...rowRuns]
    : [text(t.yearPrefix(ctx.year)), nameRun(ctx), ...(row.isTotal ? [] : [text(` (${rowName(row.name)})`)])];

  // 收入方面 (department) / 资金 (project): 年初, 调整后, then 决算 (department) or 执行数 (project).
  const budgetClauses: ReportRun[][] = [];
  if (finite(row.initial))
    budgetClauses.push(
      zh
        ? [text("年初预算数"), money(row.initial), text("万元")]
        : [text("the initial budget was "), money(row.initial)],
    );
  if (finite(row.adjusted))
    budgetClauses.push(
      zh
        ? [text("调整预算数"), money(row.adjusted), text("万元"), ...mismatchNote(ctx, row)]
        : [text("the adjusted budget "), money(row.adjusted), ...mismatchNote(ctx, row)],
    );
  const completion = (amount: number): ReportRun[][] => {
    const clauses: ReportRun[][] = [];
    const ofAdjusted = ratio(amount, row.adjusted);
    const ofInitial = ratio(amount, row.initial);
    if (ofAdjusted !== null)
      clauses.push(
        zh
          ? [text("完成调整预算数的"), percent(ofAdjusted)]
          : [percent(ofAdjusted), text(" of the adjusted budget")],
      );
    if (ofInitial !== null)
      clauses.push(
        zh
          ? [text("完成年初预算数的"), percent(ofInitial)]
          : [percent(ofInitial), text(" of the initial budget")],
      );
    return clauses;
  };

  if (ctx.kind === "department") {
    if (finite(row.finalAccounts)) {
      const clauses = [
        ...budgetClauses,
        zh
          ? [text("决算收入"), money(row.finalAccounts), text("万元")]
          : [text("final-accounts revenue "), money(row.finalAccounts)],
        ...completion(row.finalAccounts),
      ];
      out.push(
        para(
          zh
            ? [text(t.income), ...subjectRuns, ...joinClauses(ctx, clauses), text(t.end)]
            : [
                text(t.income),
                ...subjectRuns,
                text(": "),
                ...joinClauses(ctx, clauses),
                text(" (10k yuan)."),
              ],
        ),
      );
    }
    // 支出方面: 决算支出 from the 支出结构 table's total (else Σ基本+项目, else the row's 决算数); without a
    // structure table by rows, from one by columns (人员经费 + 公用经费 = 基本支出 | 项目支出 | 支出合计)
    const structure = input.detection.structure?.rows ?? [];
    const amountOf = (type: string) => {
      const r = structure.find((s) => s.type === type && finite(s.amount));
      return r && finite(r.amount) ? r.amount : null;
    };
    const byColumns = structure.length === 0 ? (input.metrics.spending ?? null) : null;
    const figure = (x: number | null | undefined) => (finite(x) ? x : null);
    const basic = byColumns ? figure(byColumns.basic) : amountOf("basic");
    const project = byColumns ? figure(byColumns.project) : amountOf("project");
    const structureTotal =
      (byColumns ? figure(byColumns.total) : amountOf("total")) ??
      (basic !== null && project !== null ? basic + project : null);
    const spent = structureTotal ?? (finite(row.finalAccounts) ? row.finalAccounts : null);
    if (spent !== null) {
      const clauses = [
        zh
          ? [text("部门决算支出共计"), money(spent), text("万元")]
          : [text("the department's final-accounts expenditure was "), money(spent)],
        ...completion(spent),
      ];
      const runs: ReportRun[] = zh
        ? [text(t.expenditure), text(t.yearPrefix(ctx.year)), ...joinClauses(ctx, clauses), text(t.end)]
        : [text(t.expenditure), text(t.yearPrefix(ctx.year)), ...joinClauses(ctx, clauses), text(".")];
      const parts: ReportRun[][] = [];
      if (basic !== null)
        parts.push(zh ? [text("基本支出"), money(basic), text("万元")] : [text("basic "), money(basic)]);
      if (project !== null)
        parts.push(
          zh ? [text("项目支出"), money(project), text("万元")] : [text("project "), money(project)],
        );
      if (parts.length)
        pushAll(
          runs,
          zh
            ? [text("包括"), ...joinClauses(ctx, parts), text(t.end)]
            : [text(" It comprises "), ...joinClauses(ctx, parts), text(" (10k yuan).")],
        );
      out.push(para(runs));
    }
  } else {
    const execution = subjectRate(ctx, "execution");
    const spent =
      execution && execution.row === row.row ? execution.numerator : (row.actual ?? row.finalAccounts);
    if (finite(spent)) {
      const rate =
        execution && execution.row === row.row ? execution.value : ratio(spent, row.adjusted ?? row.initial);
      const clauses = [
        ...budgetClauses,
        zh ? [text("全年执行数"), money(spent), text("万元")] : [text("spending "), money(spent)],
        ...(finite(rate)
          ? [zh ? [text("预算执行率"), percent(rate)] : [text("execution "), percent(rate)]]
          : []),
      ];
      out.push(
        para(
          zh
            ? [...subjectRuns, ...joinClauses(ctx, clauses), text(t.end)]
            : [...subjectRuns, text(": "), ...joinClauses(ctx, clauses), text(" (10k yuan).")],
        ),
      );
    }
  }
  if (out.length === 0) ctx.omitted.push(t.omitted.budgetRow);
  return out;
}

function scoreTableOf(ctx: Context, main: ScoreResult | null): ScoreTable | null {
  if (!main || main.levels.length === 0) return null;
  return {
    caption: ctx.t.tableCaption(ctx.w.scope),
    header: ctx.t.tableHeader,
    rows: main.levels.map((l) => ({ name: l.name, weight: l.weight, score: l.score, rate: l.rate })),
    total: {
      label: ctx.t.total,
      name: ctx.t.total,
      weight: main.total.max,
      score: main.total.score,
      rate: main.total.rate,
    },
  };
}

function cellsOf(f: Finding): { sheet: string; address: string }[] {
  const out: { sheet: string; address: string }[] = [];
  const seen = new Set<string>();
  const add = (sheet: string | null, address: string | null) => {
    if (!sheet || !address) return;
    const key = `${sheet}!${address}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ sheet, address });
  };
  add(f.sheet, f.cell);
  for (const m of f.members) add(m.sheet, m.cell);
  return out;
}

/** 部门预算资金调剂…: the budget's composition, the year's spending, then the 口径 row's adjustment. */
function adjustmentSentence(ctx: Context): ReportRun[] | null {
  const { zh, input } = ctx;
  const adj = subjectRate(ctx, "adjustment");
  const rows = input.detection.budget?.rows ?? [];
  if (!adj || !finite(adj.value) || !finite(adj.numerator)) return null;
  const runs: ReportRun[] = [];
  const total = rows.find((r) => r.isTotal);
  const items = rows.filter((r) => !r.isTotal && !r.isSubItem);
  /** Appends the items' figures picked by `pick`, as joinClauses(ctx, listOf(pick), sep) would read,
   *  after `lead` (nothing when no item has one): one run per piece, no list per row (50,000 rows). */
  const appendList = (
    lead: ReportRun,
    pick: (r: BudgetRow) => number | null,
    sep: string,
    close: ReportRun | null,
  ): void => {
    let n = 0;
    for (const r of items) {
      const x = pick(r);
      if (!finite(x)) continue;
      if (n === 0) runs.push(lead);
      else runs.push(text(sep));
      if (zh) runs.push(text(rowName(r.name)), money(x), text("万元"));
      else runs.push(text(`${rowName(r.name)} `), money(x));
      n++;
    }
    if (n > 0 && close) runs.push(close);
  };
  if (total && finite(total.initial)) {
    if (zh) {
      runs.push(
        text(`${ctx.t.yearPrefix(ctx.year)}${ctx.w.subject}年初预算数为`),
        money(total.initial),
        text("万元"),
      );
      appendList(text("，其中"), (r) => r.initial, ctx.t.clauseSep, null);
      runs.push(text("。"));
    } else {
      runs.push(text(`${ctx.t.yearPrefix(ctx.year)}the initial budget was `), money(total.initial));
      appendList(text(" ("), (r) => r.initial, "; ", text(")"));
      runs.push(text(". "));
    }
  }
  if (total && finite(total.actual)) {
    if (zh) {
      runs.push(text("全年支出数为"), money(total.actual), text("万元"));
      appendList(text("，其中"), (r) => r.actual, ctx.t.clauseSep, null);
      runs.push(text("。"));
    } else {
      runs.push(text("Spending for the year was "), money(total.actual));
      appendList(text(" ("), (r) => r.actual, "; ", text(")"));
      runs.push(text(". "));
    }
  }
  const name = adj.isTotal ? "" : rowName(adj.name);
  const up = adj.numerator >= 0;
  pushAll(
    runs,
    zh
      ? [
          text(`${name}预算${up ? "调增" : "调减"}`),
          money(Math.abs(adj.numerator)),
          text("万元，预算调整率"),
          percent(adj.value),
          text(`，侧面反映出${ctx.w.subject}年初预算编制的计划性和准确性还有待提升。`),
        ]
      : [
          text(`The ${name ? `${name} ` : ""}budget was adjusted ${up ? "up" : "down"} by `),
          money(Math.abs(adj.numerator)),
          text(" (10k yuan), an adjustment rate of "),
          percent(adj.value),
          text("; the initial budget was not planned accurately enough."),
        ],
  );
  return runs;
}

/** 决算数据不准确: 全部支出 vs 决算支出. */
function finalAccountsSentence(ctx: Context): ReportRun[] | null {
  const fa = ctx.input.metrics.finalAccounts;
  if (!fa || !finite(fa.actualTotal) || !finite(fa.finalTotal)) return null;
  return ctx.zh
    ? [
        nameRun(ctx),
        text(`${ctx.year ? `${ctx.year}年` : ""}全部支出为`),
        money(fa.actualTotal),
        text("万元，决算支出为"),
        money(fa.finalTotal),
        text(`万元，未将${ctx.w.subject}全部资金纳入决算公开。`),
      ]
    : [
        text(`${ctx.year ? `In ${ctx.year}, ` : ""}`),
        nameRun(ctx),
        text(" spent "),
        money(fa.actualTotal),
        text(" in all but the final accounts show "),
        money(fa.finalTotal),
        text(" (10k yuan): not all of its funds are in the published final accounts."),
      ];
}

function problemItem(ctx: Context, f: Finding): ProblemItem {
  const special =
    f.rule === "BUDGET_ADJUSTMENT_RATE"
      ? adjustmentSentence(ctx)
      : f.rule === "FINAL_ACCOUNTS_INCOMPLETE"
        ? finalAccountsSentence(ctx)
        : null;
  return {
    rule: f.rule,
    title: renderTitle(f, ctx.lang),
    runs: special ?? [text(renderMessage(f, ctx.lang))],
    basis: renderBasis(f, ctx.lang),
    cells: cellsOf(f),
    recommendation: renderRecommendation(f, ctx.lang),
  };
}

function problemGroups(ctx: Context): ProblemGroup[] {
  const findings = ctx.input.findings.filter((f) => SUBJECT_CATEGORIES.has(f.category));
  return CATEGORY_ORDER.filter((c) => SUBJECT_CATEGORIES.has(c))
    .map((category) => ({
      category,
      heading: ctx.t.problemHeadings[category],
      items: findings.filter((f) => f.category === category).map((f) => problemItem(ctx, f)),
    }))
    .filter((g) => g.items.length > 0);
}

function recommendationGroups(ctx: Context, problems: ProblemGroup[]): RecommendationGroup[] {
  return problems.map((g) => {
    const items: string[] = [];
    for (const item of g.items)
      if (item.recommendation && !items.includes(item.recommendation)) items.push(item.recommendation);
    return {
      category: g.category,
      heading: ctx.t.adviceHeadings[g.category],
      items: items.length ? items.map((r) => [text(r)]) : [[placeholder(ctx, ctx.t.adviceFor(g.heading))]],
    };
  });
}

function appendixItems(ctx: Context): AppendixItem[] {
  const { input, lang } = ctx;
  const items: AppendixItem[] = ctx.omitted.map((o) => ({ ...o, cells: [] }));
  for (const n of input.notChecked) items.push({ item: n.item, text: n.reason, cells: [] });
  for (const f of input.findings) {
    if (SUBJECT_CATEGORIES.has(f.category) || f.rule === "TABLE_MISSING" || f.rule === "LOW_SCORE_RATE")
      continue; // TABLE_MISSING: in notChecked already; LOW_SCORE_RATE: quoted in 二、（一）
    items.push({ item: renderTitle(f, lang), text: renderMessage(f, lang), cells: cellsOf(f) });
  }
  return items;
}

function cellRuns(ctx: Context, cells: { sheet: string; address: string }[]): ReportRun[] {
  const shown = cells.slice(0, 12);
  const runs: ReportRun[] = [text(ctx.t.sourceLabel)];
  const sep = ctx.zh ? zhListSeparator(shown.map((c) => `${c.sheet}!${c.address}`)) : ", ";
  shown.forEach((c, i) => {
    if (i > 0) runs.push(text(sep));
    runs.push({ text: `${c.sheet}!${c.address}`, cell: c });
  });
  if (cells.length > shown.length)
    runs.push(text(ctx.zh ? `等${cells.length}处` : ` and ${cells.length - shown.length} more`));
  return runs;
}

/** Build the report model of one subject. */
export function buildReportModel(input: ReportInput, options: ReportModelOptions = {}): ReportModel {
  const lang: Lang = (options.lang ?? input.config.lang) === "en-US" ? "en-US" : "zh-CN";
  const t = REPORT_TEXT[lang];
  const kind: ReportSubjectKind = options.kind ?? input.subject?.kind ?? "department";
  const rawName = options.name ?? input.subject?.name ?? input.info?.department ?? null;
  const name = rawName && rawName.trim() ? rawName.trim() : null;
  const year = options.year ?? input.info?.year ?? null;
  const ctx: Context = {
    lang,
    zh: lang === "zh-CN",
    t,
    w: t.kinds[kind],
    kind,
    name,
    year,
    input,
    omitted: [],
  };
  const { w, zh } = ctx;
  if (!name) ctx.omitted.push(t.omitted.name);
  if (!year) ctx.omitted.push(t.omitted.year);

  // The placeholder stands where the name goes: after the year (zh), before the colon (en).
  const title: ReportRun[] = name
    ? [text(t.title(year, name, w.scope))]
    : zh
      ? [
          ...(year ? [text(t.yearPrefix(year))] : []),
          placeholder(ctx, t.namePlaceholder(kind)),
          text(`${w.scope}绩效评价报告`),
        ]
      : [
          placeholder(ctx, t.namePlaceholder(kind)),
          text(`: ${year ? `${year} ` : ""}${w.scope} performance evaluation report`),
        ];

  // 一、基本情况
  const funds = fundsParagraphs(ctx);
  const basics: ReportBlock[] = [
    sub(`${t.numbering(0)}${w.overview}`),
    para([placeholder(ctx, w.overviewPlaceholder)]),
    sub(`${t.numbering(1)}${w.funds}`),
    ...(funds.length ? funds : [para([placeholder(ctx, w.funds)])]),
    sub(`${t.numbering(2)}${w.work}`),
    para([placeholder(ctx, w.workPlaceholder)]),
  ];

  // 二、综合评价结论
  const main = input.scores[0] ?? null;
  const scoreTable = scoreTableOf(ctx, main);
  const problems = problemGroups(ctx);
  const overall: ReportBlock[] = [];
  const execution = subjectRate(ctx, "execution");
  if (execution && finite(execution.value)) {
    const basisName = execution.isTotal ? "" : rowName(execution.name);
    overall.push(
      para(
        zh
          ? [
              text(`${t.yearPrefix(year)}${w.evaluated}预算执行率为`),
              percent(execution.value),
              text(basisName ? `（${basisName}口径）。` : "。"),
            ]
          : [
              text(`${t.yearPrefix(year)}budget execution of ${w.evaluated} was `),
              percent(execution.value),
              text(basisName ? ` (${basisName}).` : "."),
            ],
      ),
    );
  }
  overall.push(para([placeholder(ctx, t.evaluationPlaceholder)]));
  const lowScores = input.findings.find((f) => f.rule === "LOW_SCORE_RATE");
  if (lowScores) overall.push(para([text(renderMessage(lowScores, lang))]));
  if (problems.length)
    overall.push(
      para(
        zh
          ? [text(`经过分析，${w.during}仍存在${problems.map((g) => g.heading).join("；")}等问题。`)]
          : [
              text(
                `On analysis, problems remain ${w.during}: ${problems.map((g) => g.heading.toLowerCase()).join("; ")}.`,
              ),
            ],
      ),
    );

  const conclusion: ReportBlock[] = [];
  if (main && scoreTable) {
    conclusion.push(
      para(
        zh
          ? [
              text(`评价工作组依据预算单位提供的数据资料，对${t.yearPrefix(year)}`),
              nameRun(ctx),
              text(`${kind === "department" ? "部门整体支出" : ""}进行了评价，该${w.subject}最终得分为`),
              points(main.total.score),
              text("分，参照"),
              placeholder(ctx, t.basisPlaceholder),
              text("，绩效评价结果等级为“"),
              { text: main.total.grade },
              text(`”。${scoreTable.caption}：`),
            ]
          : [
              text("From the data provided by the budget unit, the evaluation team evaluated "),
              nameRun(ctx),
              text(`${year ? ` for ${year}` : ""}. The final score of ${w.subject} is `),
              points(main.total.score),
              text(" points; under "),
              placeholder(ctx, t.basisPlaceholder),
              text(`, the evaluation grade is “${main.total.grade}”. ${scoreTable.caption}:`),
            ],
      ),
    );
    conclusion.push(para([text(scoreTable.caption)], "caption"));
    conclusion.push({ type: "table", table: scoreTable });
  } else {
    ctx.omitted.push(t.omitted.scores);
    conclusion.push(para([placeholder(ctx, t.conclusionPlaceholder)]));
  }

  // 三、主要成效: the levels that scored well, then the evaluator's text.
  const achievements: ReportBlock[] = [];
  const strong = (main?.levels ?? []).filter((l) => finite(l.rate) && (l.rate as number) >= 0.9);
  if (strong.length)
    achievements.push(
      para(
        zh
          ? [
              text("从各一级指标得分情况看，"),
              ...zhList(
                ctx,
                strong.map((l) => [text(`${l.name}得分率`), percent(l.rate as number)]),
              ),
              text("，得分较高。"),
            ]
          : [
              text("By first-level indicator, the highest rates are "),
              ...joinClauses(
                ctx,
                strong.map((l) => [text(`${l.name} `), percent(l.rate as number)]),
                ", ",
              ),
              text("."),
            ],
      ),
    );
  achievements.push(para([placeholder(ctx, t.achievementsPlaceholder)]));

  // 四、存在问题
  const problemBlocks: ReportBlock[] = [];
  if (problems.length === 0) problemBlocks.push(para([text(t.noProblems)]));
  problems.forEach((g, gi) => {
    problemBlocks.push(sub(`${t.numbering(gi)}${g.heading}`));
    g.items.forEach((item, ii) => {
      const lead = g.items.length > 1 ? `${ii + 1}. ` : "";
      // concat, not a spread: an item's runs can be 200,000 (a 50,000-row budget table's lists)
      problemBlocks.push(para([text(`${lead}${item.title}${t.end}${zh ? "" : " "}`)].concat(item.runs)));
      if (item.basis) problemBlocks.push(para([text(t.basisLabel), text(item.basis)], "basis"));
      if (item.cells.length) problemBlocks.push(para(cellRuns(ctx, item.cells), "source"));
    });
  });

  // 五、有关建议
  const recommendations = recommendationGroups(ctx, problems);
  const adviceBlocks: ReportBlock[] = [];
  if (recommendations.length === 0) adviceBlocks.push(para([text(t.noProblems)]));
  recommendations.forEach((g, gi) => {
    adviceBlocks.push(sub(`${t.numbering(gi)}${g.heading}`));
    g.items.forEach((runs, ii) =>
      adviceBlocks.push(para([...(g.items.length > 1 ? [text(`${ii + 1}. `)] : []), ...runs])),
    );
  });

  const sections: ReportSection[] = [
    { key: "basics", heading: t.sections[0], blocks: basics },
    {
      key: "conclusion",
      heading: t.sections[1],
      blocks: [sub(t.conclusionSubs[0]), ...overall, sub(t.conclusionSubs[1]), ...conclusion],
    },
    { key: "achievements", heading: t.sections[2], blocks: achievements },
    { key: "problems", heading: t.sections[3], blocks: problemBlocks },
    { key: "recommendations", heading: t.sections[4], blocks: adviceBlocks },
  ];

  return {
    lang,
    kind,
    name,
    year,
    title,
    sections,
    scoreTable,
    total: main ? { ...main.total } : null,
    scoreNote: lowScores ? { text: renderMessage(lowScores, lang), cells: cellsOf(lowScores) } : null,
    problems,
    recommendations,
    appendix: { heading: t.appendixHeading, lead: t.appendixLead, items: appendixItems(ctx) },
    review: reviewComparison(input),
  };
}

/** 自评 vs 复核 of the main table, from the subject's review (null without both score columns). */
function reviewComparison(input: ReportInput): ReviewComparison | null {
  const scores = input.review?.scores ?? null;
  const main = input.scores[0];
  if (!scores || !main) return null;
  const { sheet, columns } = main.table.location;
  const limit = input.config.review.selfDeviation;
  const changed = scores.rows
    .filter((r) => Math.abs(r.self - r.review) > 1e-9)
    .map((r) => ({
      indicator: r.indicator,
      self: r.self,
      review: r.review,
      diff: r.diff,
      deviation: r.deviation,
      flagged: r.deviation !== null && Math.abs(r.deviation) > limit + 1e-9,
      cells: [
        { sheet, address: a1(r.row, columns.score ?? columns.selfScore ?? 0) },
        { sheet, address: a1(r.row, columns.selfScore ?? columns.score ?? 0) },
      ],
    }));
  return {
    selfTotal: scores.selfTotal,
    reviewTotal: scores.reviewTotal,
    deviation: scores.deviation,
    limit,
    changed,
    flagged: changed.filter((r) => r.flagged).length,
  };
}

/** How many placeholders the evaluator still has to fill in. */
export function countPlaceholders(model: ReportModel): number {
  let n = model.title.filter((r) => r.placeholder).length;
  for (const s of model.sections)
    for (const b of s.blocks) if (b.type === "paragraph") n += b.runs.filter((r) => r.placeholder).length;
  return n;
}

/** A file name for the report: 年度 + name + 绩效评价报告.docx, without characters file systems refuse. */
export function reportFileName(model: ReportModel): string {
  const base = model.title.map((r) => (r.placeholder ? "" : r.text)).join("");
  const clean =
    [...base]
      .filter((ch) => ch.charCodeAt(0) >= 0x20 && !'\\/:*?"<>|'.includes(ch))
      .join("")
      .trim() || "report";
  return `${clean.slice(0, 120)}.docx`;
}

/** The plain text of runs (tests, the summary sheet). */
export function runsText(runs: ReportRun[]): string {
  return runs.map((r) => r.text).join("");
}
