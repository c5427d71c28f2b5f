/**
 * The expenditure structure of a table by columns (./detect/spending.ts):
 * - 基本支出 = 人员经费支出 + 公用经费支出;
 * - 支出合计 = 基本支出 + 项目支出 (+ the other spending columns: 上缴上级支出, 经营支出 …).
 * The department's figures come from the 合计 row, or from the table's only row; a table of several units
 * without a 合计 row gives none (its units are not added up on the reader's behalf). A figure is derived
 * from its parts only when the table has no column for it and every part is there; a figure the table
 * writes is kept as written, and a difference from its parts is a finding (./rules/budget.ts).
 */
import { ncText } from "./not-computed";
import type { Lang, SpendingMetrics, SpendingRow, SpendingTable } from "./types";

/** Drop binary noise from sums of decimals (994.0699999999999 → 994.07). */
function clean(x: number): number {
  return Number(x.toFixed(9));
}

function hasFigure(r: SpendingRow): boolean {
  return (
    r.personnel !== null ||
    r.publicFunds !== null ||
    r.basicSpending !== null ||
    r.projectSpending !== null ||
    r.spendingTotal !== null
  );
}

/** One sum the table states: the written figure, its column, and its parts (null = blank part). */
interface SpendingSum {
  field: "basicSpending" | "spendingTotal";
  written: number;
  col: number;
  /** `optional`: an other spending column, a blank in which counts as nothing spent. */
  parts: { header: string; value: number | null; optional?: boolean }[];
}

/** The sums a row states, each only when the table has every column of its parts: 基本支出 over 人员经费 +
 *  公用经费, 支出合计 over 基本支出 (or 人员经费 + 公用经费 without that column) + 项目支出 + other spending. */
export function spendingSums(table: SpendingTable, row: SpendingRow): SpendingSum[] {
  const cols = table.location.columns;
  const h = table.headers;
  const out: SpendingSum[] = [];
  const basicParts: SpendingSum["parts"] | null =
    cols.personnel !== undefined && cols.publicFunds !== undefined
      ? [
          { header: h.personnel ?? "", value: row.personnel },
          { header: h.publicFunds ?? "", value: row.publicFunds },
        ]
      : null;
  if (cols.basicSpending !== undefined && row.basicSpending !== null && basicParts)
    out.push({
      field: "basicSpending",
      written: row.basicSpending,
      col: cols.basicSpending,
      parts: basicParts,
    });
  const basic: SpendingSum["parts"] | null =
    cols.basicSpending !== undefined
      ? [{ header: h.basicSpending ?? "", value: row.basicSpending }]
      : basicParts;
  if (
    cols.spendingTotal !== undefined &&
    row.spendingTotal !== null &&
    basic &&
    cols.projectSpending !== undefined
  ) {
    const parts = [...basic, { header: h.projectSpending ?? "", value: row.projectSpending }];
    table.otherColumns.forEach((o, i) =>
      parts.push({ header: o.header, value: row.other[i], optional: true }),
    );
    out.push({ field: "spendingTotal", written: row.spendingTotal, col: cols.spendingTotal, parts });
  }
  return out;
}

/** Σ of the parts; null when the main parts (基本支出 or its two parts, 项目支出) are not all there —
 *  blank is unknown — while other spending columns left blank count as nothing spent. */
export function sumOfParts(sum: SpendingSum): number | null {
  let total = 0;
  for (const p of sum.parts) {
    if (p.value !== null) total += p.value;
    else if (!p.optional) return null;
  }
  return clean(total);
}

/** The row the department's structure comes from: the 合计 row with a figure, else the only row. */
function spendingRowOf(table: SpendingTable): SpendingRow | null {
  const total = table.rows.find((r) => r.isTotal && hasFigure(r));
  if (total) return total;
  const withFigures = table.rows.filter(hasFigure);
  return withFigures.length === 1 ? withFigures[0] : null;
}

export function computeSpending(
  table: SpendingTable,
  lang: Lang,
): {
  metrics: SpendingMetrics | null;
  notComputed: { metric: string; reason: string }[];
} {
  const row = spendingRowOf(table);
  if (!row)
    return {
      metrics: null,
      notComputed: [
        {
          metric: ncText(lang, "spending"),
          reason: ncText(lang, table.rows.some(hasFigure) ? "spendingNoTotal" : "spendingNoFigure"),
        },
      ],
    };
  const cols = table.location.columns;
  let basic = row.basicSpending;
  let basicDerived = false;
  if (cols.basicSpending === undefined && row.personnel !== null && row.publicFunds !== null) {
    basic = clean(row.personnel + row.publicFunds);
    basicDerived = true;
  }
  let total = row.spendingTotal;
  let totalDerived = false;
  if (cols.spendingTotal === undefined && basic !== null && row.projectSpending !== null) {
    total = clean(basic + row.projectSpending + row.other.reduce<number>((s, v) => s + (v ?? 0), 0));
    totalDerived = true;
  }
  return {
    metrics: {
      sheet: table.location.sheet,
      row: row.row,
      name: row.name,
      income: row.incomeTotal,
      personnel: row.personnel,
      publicFunds: row.publicFunds,
      basic,
      project: row.projectSpending,
      total,
      basicDerived,
      totalDerived,
    },
    notComputed: [],
  };
}
