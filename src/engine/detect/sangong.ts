/**
 * "三公"经费 tables: rows 因公出国（境）费, 公务用车购置及运行维护费 (or 公务用车购置费 / 公务用车运行维护费),
 * 公务接待费 and 合计, with this year's and last year's figures (`本年 | 上年`, `2019年 | 2018年`,
 * `决算数 | 上年决算数`) and sometimes a budget (`预算数 | 决算数 | 上年决算数`). Found by their row labels —
 * at least two different items on consecutive rows of one column — with the header rows right above
 * them; each column is named by its header cells (group first) through SANGONG_COLUMN_WORDS. A 三公 block
 * is never read as a budget table (its `项目 | 决算数` header would otherwise make it one).
 */
import type { SheetGrid } from "../grid";
import { mayNameSangongItem, SANGONG_COLUMN_WORDS, sangongItemOf, unitIn } from "../headers";
import type { MoneyUnit, SangongColumn, SangongItem, SangongRow, SangongTable } from "../types";
import { cellText, normalizeText } from "../values";
import { readMoneyCell, type ProblemLog } from "./problems";

/** A run of 三公 labels in one column. */
interface Run {
  col: number;
  from: number;
  to: number;
}

/** How many header rows above the labels are read at most (title, group, column header). */
const MAX_HEADER_ROWS = 3;

function labelAt(grid: SheetGrid, row: number, col: number): SangongItem | null {
  const v = grid.value(row, col);
  return typeof v === "string" ? sangongItemOf(v) : null;
}

/** Runs of consecutive 三公 labels (合计 rows included) naming at least two different items. */
function findRuns(grid: SheetGrid): Run[] {
  const byCol = new Map<number, number[]>();
  for (let r = grid.top; r < grid.bottom; r++)
    for (let c = grid.left; c < grid.right; c++) {
      const v = grid.value(r, c);
      if (typeof v !== "string" || !mayNameSangongItem(v)) continue;
      const item = sangongItemOf(v);
      if (item === null || item === "total") continue;
      const list = byCol.get(c);
      if (list) list.push(r);
      else byCol.set(c, [r]);
    }
  const runs: Run[] = [];
  for (const [col, rows] of byCol) {
    let i = 0;
    while (i < rows.length) {
      let from = rows[i];
      let to = from;
      while (labelAt(grid, to + 1, col) !== null) to++;
      while (from - 1 >= grid.top && labelAt(grid, from - 1, col) === "total") from--;
      const items = new Set<SangongItem>();
      for (let r = from; r <= to; r++) {
        const item = labelAt(grid, r, col);
        if (item !== null && item !== "total") items.add(item);
      }
      if (items.size >= 2) runs.push({ col, from, to });
      while (i < rows.length && rows[i] <= to) i++;
    }
  }
  return runs.sort((a, b) => a.from - b.from || a.col - b.col);
}

function hasNumber(grid: SheetGrid, row: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) if (typeof grid.value(row, c) === "number") return true;
  return false;
}

/** Distinct header texts of a row (a merged cell counts once). */
function textCells(grid: SheetGrid, row: number, left: number, right: number): number {
  let n = 0;
  for (let c = left; c <= right; c++) {
    const m = grid.mergeAt(row, c);
    if (m && (m.col !== c || m.row !== row)) continue;
    if (cellText(grid.value(row, c)) !== null) n++;
  }
  return n;
}

/** The header rows right above the labels: up to three rows without numbers, each with at least two
 *  header texts (a title or a `单位：万元` line has one and ends the header). */
function headerRows(grid: SheetGrid, run: Run, right: number): number[] {
  const rows: number[] = [];
  for (let r = run.from - 1; r >= Math.max(grid.top, run.from - MAX_HEADER_ROWS); r--) {
    if (hasNumber(grid, r, run.col, right) || textCells(grid, r, run.col, right) < 2) break;
    rows.unshift(r);
  }
  return rows;
}

/** A column's header text: its header cells top down (a merge read once), group first. */
function columnHeader(grid: SheetGrid, rows: number[], col: number): string {
  const parts: string[] = [];
  for (const r of rows) {
    const t = cellText(grid.mergedValue(r, col));
    if (t !== null && parts[parts.length - 1] !== t) parts.push(t);
  }
  return parts.join("");
}

const has = (text: string, words: string[]) => words.some((w) => text.includes(w));

/** current / prior / budget for each column's header (null = not a figure read here). */
function classifyColumns(headers: { col: number; text: string }[]): SangongTable["columns"] {
  const W = SANGONG_COLUMN_WORDS;
  const read = headers
    .map((h) => {
      const t = normalizeText(h.text).replace(/\s+/g, "");
      const year = /(\d{4})年/.exec(t);
      return { ...h, t, year: year ? Number(year[1]) : null };
    })
    .filter((h) => !has(h.t, W.ignore));
  const years = [...new Set(read.map((h) => h.year).filter((y): y is number => y !== null))];
  const latest = years.length >= 2 ? Math.max(...years) : null;
  const kinds = read.map((h) => {
    let kind: SangongColumn | null;
    if (latest !== null && h.year !== null && h.year < latest) kind = has(h.t, W.budget) ? null : "prior";
    else if (latest === null && has(h.t, W.prior)) kind = has(h.t, W.budget) ? null : "prior";
    else if (has(h.t, W.budget)) kind = "budget";
    else if (has(h.t, W.current) || h.year !== null) kind = "current";
    else kind = null;
    return { ...h, kind };
  });
  const columns: SangongTable["columns"] = {};
  for (const k of kinds) {
    if (k.kind === null) continue;
    const prev = columns[k.kind];
    // of several budget columns the adjusted one (调整后 / 全年) is the 控制率's
    const better = k.kind === "budget" && prev && !/调整|全年/.test(prev.header) && /调整|全年/.test(k.t);
    if (!prev || better) columns[k.kind] = { col: k.col, header: k.text };
  }
  return columns;
}

/** A money unit on the header rows or the lines just above them. */
function unitOf(grid: SheetGrid, top: number, bottom: number): MoneyUnit {
  for (let r = bottom; r >= Math.max(grid.top, top - 5); r--)
    for (let c = grid.left; c < grid.right; c++) {
      const t = cellText(grid.value(r, c));
      const unit = t === null ? null : unitIn(t);
      if (unit) return unit;
    }
  return "万元";
}

// ─────────────── transposed: items as columns, years as rows ───────────────

/** Rows naming at least two different items (合计 not counted) in their cells: the item header row of a
 *  transposed table. */
function acrossRows(grid: SheetGrid): number[] {
  const out: number[] = [];
  for (let r = grid.top; r < grid.bottom; r++) {
    const items = new Set<SangongItem>();
    for (let c = grid.left; c < grid.right; c++) {
      const v = grid.value(r, c);
      if (typeof v !== "string" || !mayNameSangongItem(v)) continue;
      const item = sangongItemOf(v);
      if (item !== null && item !== "total") items.add(item);
    }
    if (items.size >= 2) out.push(r);
  }
  return out;
}

/** A column's item from its header cells top down: the lowest cell naming one, except that a 小计/合计
 *  under an item's group cell (公务用车购置及运行维护费 over 小计 | 购置费 | 运行维护费) is that item. */
function columnItem(texts: string[]): { item: SangongItem; name: string } | null {
  for (let i = texts.length - 1; i >= 0; i--) {
    const item = sangongItemOf(texts[i]);
    if (item === null) continue;
    if (item === "total")
      for (let j = i - 1; j >= 0; j--) {
        const group = sangongItemOf(texts[j]);
        if (group !== null && group !== "total") return { item: group, name: texts[j] };
      }
    return { item, name: texts[i] };
  }
  return null;
}

/** A transposed table whose item header row is `top`: the row labels in the column left of the first
 *  item, up to two sub-header rows below, then one row per figure (`2023年决算数`, `上年`, `预算数`). */
function parseAcross(grid: SheetGrid, top: number, log: ProblemLog): SangongTable | null {
  // the item columns: from the first cell naming an item or a total, rightwards while each column names one
  let first = -1;
  for (let c = grid.left; c < grid.right && first < 0; c++) {
    const v = grid.value(top, c);
    if (typeof v === "string" && sangongItemOf(v) !== null) first = c;
  }
  const labelCol = first - 1;
  if (first < 0 || labelCol < grid.left) return null;
  const header = [top];
  for (let r = top + 1; r < Math.min(grid.bottom, top + MAX_HEADER_ROWS); r++) {
    if (hasNumber(grid, r, first, grid.right - 1) || cellText(grid.value(r, labelCol)) !== null) break;
    if (textCells(grid, r, first, grid.right - 1) === 0) break;
    header.push(r);
  }
  const items: { col: number; item: SangongItem; name: string }[] = [];
  for (let c = first; c < grid.right; c++) {
    const found = columnItem(
      header.map((r) => cellText(grid.mergedValue(r, c))).filter((t): t is string => t !== null),
    );
    if (!found) break;
    items.push({ col: c, ...found });
  }
  const right = items[items.length - 1].col;
  const labels: { col: number; text: string }[] = [];
  let last = header[header.length - 1];
  for (let r = last + 1; r < grid.bottom; r++) {
    const label = cellText(grid.mergedValue(r, labelCol));
    if (label === null || grid.isBlankRow(r, first, right)) break;
    labels.push({ col: r, text: label });
    last = r;
  }
  const byRow = classifyColumns(labels);
  if (!byRow.current) return null;
  const columns: SangongTable["columns"] = {};
  for (const k of ["current", "prior", "budget"] as const) {
    const c = byRow[k];
    if (c) columns[k] = { col: labelCol, header: c.header, row: c.col };
  }
  const unit = unitOf(grid, top, header[header.length - 1]);
  const figure = (k: SangongColumn, col: number) =>
    readMoneyCell(grid, columns[k]?.row ?? -1, columns[k] ? col : undefined, unit, log);
  return {
    location: {
      kind: "sangong",
      sheet: grid.name,
      headerRow: top,
      headerRows: header.length,
      firstDataRow: header[header.length - 1] + 1,
      lastRow: last,
      columns: { name: labelCol },
      unit,
    },
    columns,
    rows: items.map((it) => ({
      row: top,
      col: it.col,
      name: it.name,
      item: it.item,
      current: figure("current", it.col),
      prior: figure("prior", it.col),
      budget: figure("budget", it.col),
    })),
  };
}

/** Every "三公"经费 table of a sheet, top to bottom. */
export function parseSangongTables(grid: SheetGrid, log: ProblemLog): SangongTable[] {
  const out: SangongTable[] = [];
  const taken = (row: number) => out.some((t) => row >= t.location.headerRow && row <= t.location.lastRow);
  for (const top of acrossRows(grid)) {
    if (taken(top)) continue;
    const table = parseAcross(grid, top, log);
    if (table) out.push(table);
  }
  for (const run of findRuns(grid)) {
    if (
      out.some(
        (t) =>
          t.location.sheet === grid.name && run.from <= t.location.lastRow && run.to >= t.location.headerRow,
      )
    )
      continue;
    // the table's width: the label column to the last column with a figure or a header text
    let right = run.col;
    for (let r = run.from; r <= run.to; r++)
      for (let c = run.col + 1; c < grid.right; c++)
        if (grid.value(r, c) !== null) right = Math.max(right, c);
    const header = headerRows(grid, run, grid.right - 1);
    if (header.length === 0) continue;
    for (const r of header)
      for (let c = run.col + 1; c < grid.right; c++) {
        const m = grid.mergeAt(r, c);
        if (cellText(grid.value(r, c)) !== null) right = Math.max(right, m ? m.col + m.colCount - 1 : c);
      }
    const headers: { col: number; text: string }[] = [];
    for (let c = run.col + 1; c <= right; c++) {
      const text = columnHeader(grid, header, c);
      if (text !== "") headers.push({ col: c, text });
    }
    const columns = classifyColumns(headers);
    if (!columns.current) continue;
    const unit = unitOf(grid, header[0], header[header.length - 1]);
    const rows: SangongRow[] = [];
    for (let r = run.from; r <= run.to; r++) {
      const item = labelAt(grid, r, run.col) as SangongItem;
      const figure = (k: SangongColumn) => readMoneyCell(grid, r, columns[k]?.col, unit, log);
      rows.push({
        row: r,
        name: cellText(grid.value(r, run.col)) ?? "",
        item,
        current: figure("current"),
        prior: figure("prior"),
        budget: figure("budget"),
      });
    }
    out.push({
      location: {
        kind: "sangong",
        sheet: grid.name,
        headerRow: header[0],
        headerRows: header.length,
        firstDataRow: run.from,
        lastRow: run.to,
        columns: { name: run.col },
        unit,
      },
      columns,
      rows,
    });
  }
  return out.sort((a, b) => a.location.headerRow - b.location.headerRow);
}
