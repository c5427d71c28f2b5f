/**
 * Target tables (绩效目标表) and management checklists (管理情况检查表).
 * Targets: project names merged (or blank) down their rows, 一级/二级/三级 carried the same way, the
 * target value as written, its unit and 定量/定性. Checklist: 检查事项 | 结论 | 说明 | 依据, with
 * 是/有/已 → ok and 否/无/未 → not ok.
 */
import type { SheetGrid } from "../grid";
import { canonical, isTotalLabel } from "../headers";
import type { ChecklistRow, ChecklistTable, TableLocation, TargetRow, TargetTable } from "../types";
import { cellText, normalizeText, readTargetValue } from "../values";
import { columnsOf, lastRowOf, scanBody } from "./body";
import { resolveMergedFields, type HeaderInfo } from "./header";
import { LevelCarry } from "./levels";
import { checkExcelError, type ProblemLog } from "./problems";

function locationOf(
  kind: TableLocation["kind"],
  grid: SheetGrid,
  header: HeaderInfo,
  lastRow: number,
): TableLocation {
  return {
    kind,
    sheet: grid.name,
    headerRow: header.row,
    headerRows: header.rows,
    firstDataRow: header.firstDataRow,
    lastRow,
    columns: { ...header.columns },
  };
}

function valueTypeOf(text: string | null): TargetRow["valueType"] {
  if (text === null) return null;
  if (text.includes("定量")) return "定量";
  if (text.includes("定性")) return "定性";
  return null;
}

/** A `项目名称 | …` line above a target table without a 项目名称 column (a 自评表 header block). */
function projectAbove(grid: SheetGrid, headerRow: number): string | null {
  for (let r = headerRow - 1; r >= Math.max(grid.top, headerRow - 8); r--) {
    for (let c = grid.left; c < grid.right; c++) {
      const v = grid.value(r, c);
      if (typeof v !== "string" || canonical(v) !== "项目名称") continue;
      for (let cc = c + 1; cc < grid.right; cc++) {
        const name = cellText(grid.value(r, cc));
        if (name !== null) return name;
      }
    }
  }
  return null;
}

export function parseTargets(
  grid: SheetGrid,
  header: HeaderInfo,
  log: ProblemLog,
): { table: TargetTable; lastRow: number } {
  const cols = header.columns;
  const hasLevel3 = cols.level3 !== undefined;
  const leafCol = cols.level3 ?? cols.level2 ?? cols.level1;
  const body = scanBody(grid, header, {
    keyCols: columnsOf(header, ["project", "level1", "level2", "level3", "target"]),
  });
  resolveMergedFields(grid, header, body, log);
  const projectCol = cols.project ?? cols.name;
  const project = new LevelCarry(grid, projectCol);
  const fixedProject = projectCol === undefined ? (projectAbove(grid, header.row) ?? "") : null;
  const level1 = new LevelCarry(grid, leafCol === cols.level1 ? undefined : cols.level1);
  const level2 = new LevelCarry(grid, hasLevel3 ? cols.level2 : undefined);
  const rows: TargetRow[] = [];
  let lastRow = header.firstDataRow - 1;
  for (const r of body) {
    lastRow = r;
    const p = fixedProject === null ? project.read(r) : { name: fixedProject, started: false };
    const l1 = level1.read(r, p.started);
    const l2 = level2.read(r, l1.started || p.started);
    const leaf = leafCol === undefined ? null : cellText(grid.value(r, leafCol));
    if (leaf === null || isTotalLabel(leaf)) continue;
    const value = grid.value(r, cols.target ?? -1);
    checkExcelError(grid, r, cols.target, log);
    const unitText = cols.unit === undefined ? null : cellText(grid.mergedValue(r, cols.unit));
    rows.push({
      row: r,
      project: p.name,
      level1: l1.name,
      level2: hasLevel3 ? l2.name : "",
      level3: leaf,
      value,
      unit: unitText ?? readTargetValue(value).unit,
      valueType: valueTypeOf(
        cols.valueType === undefined ? null : cellText(grid.mergedValue(r, cols.valueType)),
      ),
    });
  }
  return { table: { location: locationOf("targets", grid, header, lastRow), rows }, lastRow };
}

/** 结论 text → ok: 是/有/已/符合… → true, 否/无/未/不/没… → false, else null. */
function conclusionOk(raw: string): boolean | null {
  const s = normalizeText(raw).replace(/\s+/g, "");
  if (s === "") return null;
  if (/^(?:否|无|未|不|没|×|✗|x$|N$|NO$)/i.test(s)) return false;
  if (/^(?:是|有|已|符合|合规|健全|完善|通过|√|✓|Y$|YES$)/i.test(s)) return true;
  return null;
}

export function parseChecklist(
  grid: SheetGrid,
  header: HeaderInfo,
  log: ProblemLog,
): { table: ChecklistTable; lastRow: number } {
  const cols = header.columns;
  const body = scanBody(grid, header, {
    keyCols: columnsOf(header, ["item", "conclusion"]),
    continueAfterRepeat: true,
  });
  resolveMergedFields(grid, header, body, log);
  const conclusionCol = cols.conclusion as number;
  const rows: ChecklistRow[] = [];
  let lastRow = header.firstDataRow - 1;
  for (const r of body) {
    lastRow = r;
    const item = cols.item === undefined ? null : cellText(grid.value(r, cols.item));
    if (item === null) continue;
    const raw = cellText(grid.value(r, conclusionCol)) ?? "";
    checkExcelError(grid, r, conclusionCol, log);
    rows.push({
      row: r,
      item,
      ok: conclusionOk(raw),
      raw,
      note: cols.note === undefined ? null : cellText(grid.value(r, cols.note)),
      basis: cols.basis === undefined ? null : cellText(grid.mergedValue(r, cols.basis)),
      conclusionCol,
    });
  }
  lastRow = lastRowOf(body, header);
  return { table: { location: locationOf("checklist", grid, header, lastRow), rows }, lastRow };
}
