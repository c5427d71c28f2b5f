/**
 * The report content model: one subject's evaluation as the draft of its 绩效评价报告 — title, the five
 * sections (一、基本情况 … 五、有关建议) as structured blocks, the score table, the problems grouped by
 * category with their basis and cells, the recommendations one group per problem group, and the
 * appendix 「数据检查说明」 for the product's own notes. Pure data: the .docx renderer (src/report) and
 * the 问题汇总 sheet (../summary.ts) both render from it, so they cannot disagree.
 */
import type { Category, Lang } from "../types";

/** 部门整体 or one project (the same words as Subject.kind). */
export type ReportSubjectKind = "project" | "department";

/** How a run's number was formatted: 万元 with two decimals, a percentage, a score, a plain count. */
type NumberKind = "money" | "percent" | "score" | "count" | "year";

/** A piece of text. Numbers keep their value (renderers may format or style digits); placeholders are
 *  what only a person can write, always rendered as 【请填写：…】 (en: [To be completed: …]). */
export interface ReportRun {
  text: string;
  /** The number this run shows, when it shows one. */
  value?: number;
  kind?: NumberKind;
  /** True for a placeholder the evaluator must replace. */
  placeholder?: true;
  /** A workbook cell this run refers to. */
  cell?: { sheet: string; address: string };
}

type ParagraphRole =
  /** Ordinary body text. */
  | "body"
  /** 政策依据 of a problem. */
  | "basis"
  /** Where in the workbook a problem comes from. */
  | "source"
  /** The score table's caption. */
  | "caption"
  /** The appendix's items. */
  | "note";

export interface ReportParagraph {
  type: "paragraph";
  role: ParagraphRole;
  runs: ReportRun[];
}

/** A second-level heading: （一）部门概况. */
interface ReportSubheading {
  type: "subheading";
  text: string;
}

export interface ScoreTableRow {
  name: string;
  weight: number;
  score: number;
  /** score / weight; null when the weight is 0. */
  rate: number | null;
}

export interface ScoreTable {
  caption: string;
  header: [string, string, string, string];
  rows: ScoreTableRow[];
  total: ScoreTableRow & { label: string };
}

interface ReportTable {
  type: "table";
  table: ScoreTable;
}

export type ReportBlock = ReportParagraph | ReportSubheading | ReportTable;

type SectionKey = "basics" | "conclusion" | "achievements" | "problems" | "recommendations";

export interface ReportSection {
  key: SectionKey;
  /** 一、基本情况 … (with its number). */
  heading: string;
  blocks: ReportBlock[];
}

export interface ProblemItem {
  /** Rule code of the finding. */
  rule: string;
  /** The problem's heading (the rule's title), without its number. */
  title: string;
  /** The problem's sentence. */
  runs: ReportRun[];
  /** 政策依据, when the rule cites one. */
  basis: string | null;
  /** The finding's cells (main cell first, then members). */
  cells: { sheet: string; address: string }[];
  recommendation: string | null;
}

export interface ProblemGroup {
  category: Category;
  /** （一） heading text in 四、存在问题, without its number. */
  heading: string;
  items: ProblemItem[];
}

export interface RecommendationGroup {
  category: Category;
  /** （一） heading text in 五、有关建议, without its number. */
  heading: string;
  /** Each recommendation once, in the order of the group's problems; a placeholder run when no rule
   *  of the group has one. */
  items: ReportRun[][];
}

export interface AppendixItem {
  /** What it is about (a table, a metric, a check). */
  item: string;
  text: string;
  cells: { sheet: string; address: string }[];
}

export interface ReportModel {
  lang: Lang;
  kind: ReportSubjectKind;
  /** The subject's name as read, or null (then the title carries a placeholder). */
  name: string | null;
  year: string | null;
  title: ReportRun[];
  /** Exactly five, in the report's order. */
  sections: ReportSection[];
  /** The main indicator table's levels, or null when no indicator table was scored. */
  scoreTable: ScoreTable | null;
  /** The final score and grade, when scored. */
  total: { score: number; max: number; rate: number | null; grade: string } | null;
  /** The levels that scored low (the LOW_SCORE_RATE finding), quoted in 二、（一）, with its cells. */
  scoreNote: { text: string; cells: { sheet: string; address: string }[] } | null;
  problems: ProblemGroup[];
  /** Same length and order as `problems`. */
  recommendations: RecommendationGroup[];
  appendix: { heading: string; lead: string; items: AppendixItem[] };
  /** 自评 vs 复核, when the main indicator table has both score columns; else null. */
  review: ReviewComparison | null;
}

/** One indicator whose 复核 score differs from its 自评 score. */
interface ReviewComparisonRow {
  indicator: string;
  self: number;
  review: number;
  /** self − review. */
  diff: number;
  /** (self − review) / self; null when self is 0. */
  deviation: number | null;
  /** |偏离度| beyond the profile's threshold. */
  flagged: boolean;
  /** The 复核 score cell, then the 自评 score cell. */
  cells: { sheet: string; address: string }[];
}

/** The subject's 自评 beside its 复核 (the 复核 total is the subject's score). */
export interface ReviewComparison {
  selfTotal: number;
  reviewTotal: number;
  /** (selfTotal − reviewTotal) / selfTotal; null when selfTotal is 0. */
  deviation: number | null;
  /** The profile's threshold of |偏离度| (review.selfDeviation). */
  limit: number;
  /** Rows whose 复核 score differs from the 自评 score, in table order. */
  changed: ReviewComparisonRow[];
  /** How many of them are beyond the threshold. */
  flagged: number;
}
