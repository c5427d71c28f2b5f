/**
 * Subjects: what each table of a workbook is about. A subject is one project (one 项目支出绩效自评表:
 * its budget block, indicator block and goals, named by its 项目名称 cell or else its sheet) or the
 * department (the workbook-level budget, indicator, target and checklist tables of a 部门整体
 * evaluation, on any number of sheets). Every table goes to exactly one subject.
 *
 * A sheet is a project sheet when it holds a budget or an indicator table, its title does not say
 * 部门整体, and it has a 项目名称 line or both a budget and an indicator table (the 自评表's shape). On a
 * project sheet each 项目名称 line opens a 自评表, and so does a budget block below a 自评表 that already
 * has its indicator block (two forms stacked without a 项目名称 line); a block with neither a budget nor
 * an indicator table (a goals table, notes) belongs to the 自评表 above it. Every other table is the
 * department's. Pure: works on table locations and a few facts per sheet.
 */
import type { Subject, TableLocation } from "./types";

/** What subject assignment needs to know of a sheet besides its tables. */
export interface SheetFacts {
  name: string;
  /** `项目名称 | …` lines outside any table, top to bottom. */
  projectLabels: { row: number; name: string }[];
  /** The sheet's title says it is a 部门整体 form. */
  departmentTitle: boolean;
}

/** One subject and the tables (indices into the table list) that are its. */
interface SubjectPlan {
  subject: Subject;
  tables: number[];
  /** Rows of a sheet that are this subject's (inclusive), for placing input problems. */
  regions: { sheet: string; from: number; to: number }[];
}

export const DEPARTMENT_ID = "department";
export const DEPARTMENT_NAME = "部门整体";

interface Block {
  from: number;
  name: string | null;
  tables: number[];
}

function hasKind(tables: TableLocation[], indices: number[], kind: TableLocation["kind"]): boolean {
  return indices.some((i) => tables[i].kind === kind);
}

function isProjectSheet(facts: SheetFacts, tables: TableLocation[], indices: number[]): boolean {
  if (facts.departmentTitle) return false;
  const budget = hasKind(tables, indices, "budget");
  const indicators = hasKind(tables, indices, "indicators");
  if (!budget && !indicators) return false;
  return facts.projectLabels.length > 0 || (budget && indicators);
}

/** The 自评表 blocks of a project sheet, top to bottom. `indices` are sorted by header row. */
function splitBlocks(facts: SheetFacts, tables: TableLocation[], indices: number[]): Block[] {
  const labels = facts.projectLabels;
  const blocks: Block[] = [];
  let cur: Block | null = null;
  let next = 0;
  let prevEnd = -1;
  for (const i of indices) {
    const t = tables[i];
    while (next < labels.length && labels[next].row <= t.headerRow) {
      const label = labels[next++];
      if (cur && cur.tables.length === 0) cur.name ??= label.name;
      else blocks.push((cur = { from: label.row, name: label.name, tables: [] }));
    }
    const stacked =
      cur !== null &&
      t.kind === "budget" &&
      cur.tables.some((j) => tables[j].kind === "indicators" && tables[j].headerRow < t.headerRow);
    if (cur === null || stacked)
      blocks.push((cur = { from: cur === null ? 0 : prevEnd + 1, name: null, tables: [] }));
    cur.tables.push(i);
    prevEnd = Math.max(prevEnd, t.lastRow);
  }
  // a block without a budget or an indicator table is part of the 自评表 above it (or below, at the top)
  const kept: Block[] = [];
  let orphan: Block | null = null;
  for (const b of blocks) {
    const form = hasKind(tables, b.tables, "budget") || hasKind(tables, b.tables, "indicators");
    if (form) {
      if (orphan) {
        b.tables.unshift(...orphan.tables);
        b.from = Math.min(b.from, orphan.from);
        b.name ??= orphan.name;
        orphan = null;
      }
      kept.push(b);
    } else if (kept.length > 0) kept[kept.length - 1].tables.push(...b.tables);
    else if (orphan) orphan.tables.push(...b.tables);
    else orphan = b;
  }
  return kept;
}

/**
 * Assign every table to one subject. `tables` in detection order, `sheets` in workbook order.
 * Subjects come out in workbook order of their first table; a workbook without tables gives one
 * (empty) department subject, so there is always at least one.
 */
export function assignSubjects(
  tables: TableLocation[],
  sheets: SheetFacts[],
  departmentName: string | null,
): SubjectPlan[] {
  const sheetIndex = new Map<string, number>();
  sheets.forEach((s, i) => {
    if (!sheetIndex.has(s.name)) sheetIndex.set(s.name, i);
  });
  const bySheet = new Map<string, number[]>();
  tables.forEach((t, i) => {
    const list = bySheet.get(t.sheet) ?? [];
    list.push(i);
    bySheet.set(t.sheet, list);
  });

  const plans: { plan: SubjectPlan; at: [number, number] }[] = [];
  const department: number[] = [];
  const departmentRegions: SubjectPlan["regions"] = [];
  for (const facts of sheets) {
    const indices = (bySheet.get(facts.name) ?? []).slice();
    bySheet.delete(facts.name);
    if (indices.length === 0) continue;
    indices.sort((a, b) => tables[a].headerRow - tables[b].headerRow || a - b);
    if (!isProjectSheet(facts, tables, indices)) {
      department.push(...indices);
      departmentRegions.push({ sheet: facts.name, from: 0, to: Number.MAX_SAFE_INTEGER });
      continue;
    }
    const blocks = splitBlocks(facts, tables, indices);
    blocks.forEach((b, k) => {
      const to = k + 1 < blocks.length ? blocks[k + 1].from - 1 : Number.MAX_SAFE_INTEGER;
      const id =
        blocks.length === 1 ? `project:${facts.name}` : `project:${facts.name}!A${String(b.from + 1)}`;
      plans.push({
        plan: {
          subject: {
            id,
            kind: "project",
            name: b.name ?? facts.name,
            sheet: facts.name,
            sheets: [facts.name],
          },
          tables: b.tables,
          regions: [{ sheet: facts.name, from: k === 0 ? 0 : b.from, to }],
        },
        at: [sheetIndex.get(facts.name) ?? 0, Math.min(...b.tables.map((i) => tables[i].headerRow))],
      });
    });
  }
  // tables on a sheet the facts do not name (never from detectTables): the department's
  for (const indices of bySheet.values()) department.push(...indices);

  if (department.length > 0 || plans.length === 0) {
    department.sort((a, b) => a - b);
    const sheetNames: string[] = [];
    for (const i of department) if (!sheetNames.includes(tables[i].sheet)) sheetNames.push(tables[i].sheet);
    sheetNames.sort((a, b) => (sheetIndex.get(a) ?? 0) - (sheetIndex.get(b) ?? 0));
    const first = department.length > 0 ? tables[department[0]] : null;
    plans.push({
      plan: {
        subject: {
          id: DEPARTMENT_ID,
          kind: "department",
          name: departmentName ?? DEPARTMENT_NAME,
          sheet: first?.sheet ?? sheets[0]?.name ?? "",
          sheets: sheetNames,
        },
        tables: department,
        regions: departmentRegions,
      },
      at: first ? [sheetIndex.get(first.sheet) ?? 0, first.headerRow] : [-1, -1],
    });
  }
  plans.sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]);
  return plans.map((p) => p.plan);
}

/** The subject whose rows hold a cell (a problem's place); the department, else the first, otherwise. */
export function subjectAt(plans: SubjectPlan[], sheet: string, row: number): number {
  let fallback = -1;
  for (let i = 0; i < plans.length; i++) {
    for (const r of plans[i].regions) if (r.sheet === sheet && row >= r.from && row <= r.to) return i;
    if (fallback === -1 && plans[i].subject.sheets.includes(sheet)) fallback = i;
  }
  if (fallback !== -1) return fallback;
  const department = plans.findIndex((p) => p.subject.kind === "department");
  return department === -1 ? 0 : department;
}
