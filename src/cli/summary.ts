/**
 * The human summary the command line prints: recognised tables, total and grade, the level table,
 * key metrics, findings grouped by category (in the report's order) with severity and cell, and what
 * could not be checked. Findings are rendered from the engine's one rule catalogue.
 */
import {
  CATEGORY_ORDER,
  categoryName,
  formatFixed2,
  formatNumber,
  formatPercent,
  renderMessage,
} from "../engine/rules/catalogue";
import { joinZhList } from "../engine/format";
import { displayName } from "../engine/headers";
import type { Evaluation, Lang, RowRate, TableKind } from "../engine/types";
import { SEVERITY, TABLE_KIND, levelHeader, text } from "./messages";

/** Display width: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
  return width;
}

function pad(s: string, width: number, right = false): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/** Rows as aligned columns (first column left, the rest right-aligned). */
function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c] ?? ""))));
  return rows.map(
    (r) =>
      "  " +
      r
        .map((cell, c) => pad(cell, widths[c], c > 0))
        .join("  ")
        .trimEnd(),
  );
}

function basisText(rate: RowRate, lang: Lang): string {
  if (rate.basis === "initial") return text(lang, "basisInitial");
  if (rate.basis === "finalAccounts") return text(lang, "basisFinal");
  return text(lang, "basisAdjusted");
}

export function formatSummary(evaluation: Evaluation, lang: Lang, file: string): string[] {
  const out: string[] = [text(lang, "title", { file }), ""];
  const { detection, metrics } = evaluation;

  out.push(text(lang, "tables"));
  for (const t of detection.tables)
    out.push(
      text(lang, "tableLine", { kind: TABLE_KIND[lang][t.kind], sheet: t.sheet, row: t.headerRow + 1 }),
    );
  if (detection.missing.length) {
    const kinds = detection.missing.map((k: TableKind) => TABLE_KIND[lang][k]);
    out.push(text(lang, "missing", { kinds: lang === "zh-CN" ? joinZhList(kinds) : kinds.join(", ") }));
  }
  out.push("");

  const several = evaluation.subjects.length > 1;
  if (several) {
    out.push(text(lang, "subjectsHeader", { count: evaluation.subjects.length }));
    for (const s of evaluation.subjects) {
      const total = s.scores[0]?.total;
      out.push(
        text(lang, "subjectLine", {
          name: s.subject.name,
          sheet: s.subject.sheet,
          score: total ? `${formatFixed2(total.score)} / ${formatNumber(total.max)}` : "—",
          grade: total?.grade ?? "—",
          errors: s.findings.filter((f) => f.severity === "error").length,
          warnings: s.findings.filter((f) => f.severity === "warning").length,
        }),
      );
    }
    out.push("");
  }
  // several subjects: the department's level table (a project's is on its own line above)
  const main = several
    ? evaluation.subjects.find((s) => s.subject.kind === "department")?.scores[0]
    : evaluation.scores[0];
  if (main) {
    out.push(
      text(lang, "total", {
        score: formatFixed2(main.total.score),
        max: formatNumber(main.total.max),
        grade: main.total.grade,
      }),
    );
    const rows = [
      [...levelHeader(lang)],
      ...main.levels.map((l) => [
        l.name,
        formatNumber(l.weight),
        formatFixed2(l.score),
        l.rate === null ? "—" : formatPercent(l.rate),
      ]),
      [
        text(lang, "levelTotal"),
        formatNumber(main.total.max),
        formatFixed2(main.total.score),
        main.total.rate === null ? "—" : formatPercent(main.total.rate),
      ],
    ];
    out.push(...table(rows));
    out.push("");
  } else if (!several) out.push(text(lang, "noIndicators"), "");

  const exec = metrics.departmentExecution;
  const adj = metrics.departmentAdjustment;
  const sangong = metrics.sangong;
  const spending = metrics.spending;
  if (
    (exec && exec.value !== null) ||
    (adj && adj.value !== null) ||
    metrics.finalAccounts ||
    sangong ||
    spending
  ) {
    out.push(text(lang, "metrics"));
    if (exec && exec.value !== null)
      out.push(
        text(lang, "execution", {
          value: formatPercent(exec.value),
          name: displayName(exec.name),
          basis: basisText(exec, lang),
        }),
      );
    if (adj && adj.value !== null)
      out.push(text(lang, "adjustment", { value: formatPercent(adj.value), name: displayName(adj.name) }));
    if (metrics.finalAccounts)
      out.push(
        text(lang, "finalAccounts", {
          final: formatFixed2(metrics.finalAccounts.finalTotal),
          actual: formatFixed2(metrics.finalAccounts.actualTotal),
          gap: formatFixed2(metrics.finalAccounts.gap),
        }),
      );
    if (sangong) {
      const money = (x: number | null) => (x === null ? "—" : formatFixed2(x));
      const pct = (x: number | null) => (x === null ? "—" : formatPercent(x));
      out.push(
        text(lang, "sangong", {
          current: money(sangong.current),
          prior: money(sangong.prior),
          change: pct(sangong.change),
          budget: money(sangong.budget),
          control: pct(sangong.control),
        }),
      );
    }
    if (spending) {
      const money = (x: number | null) => (x === null ? "—" : formatFixed2(x));
      out.push(
        text(lang, "spending", {
          basic: money(spending.basic),
          personnel: money(spending.personnel),
          publicFunds: money(spending.publicFunds),
          project: money(spending.project),
          total: money(spending.total),
        }),
      );
    }
    out.push("");
  }

  const findings = evaluation.findings;
  if (findings.length === 0) out.push(text(lang, "noFindings"));
  else {
    out.push(text(lang, "findings", { count: findings.length }));
    for (const category of CATEGORY_ORDER) {
      const inCategory = findings.filter((f) => f.category === category);
      if (!inCategory.length) continue;
      out.push(text(lang, "category", { name: categoryName(category, lang) }));
      for (const f of inCategory) {
        const where = f.sheet && f.cell ? `${f.sheet}!${f.cell} ` : f.sheet ? `${f.sheet} ` : "";
        out.push(
          text(lang, "findingLine", {
            severity: SEVERITY[lang][f.severity],
            where,
            message: renderMessage(f, lang),
          }),
        );
      }
    }
  }
  if (evaluation.notChecked.length) {
    out.push("", text(lang, "notChecked"));
    for (const n of evaluation.notChecked)
      out.push(text(lang, "notCheckedLine", { item: n.item, reason: n.reason }));
  }
  return out;
}
