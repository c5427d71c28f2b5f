/**
 * SheetGrid: absolute cell access over one SheetSnapshot (whose values start at top/left), with merged
 * areas resolved. Rows and columns are 0-based and absolute (A1 = 0,0); outside the used range every
 * cell reads null.
 */
import type { CellRange, CellValue, SheetSnapshot } from "./types";

const NONE: readonly CellRange[] = [];

export class SheetGrid {
  readonly name: string;
  /** Absolute first row/column of the used range. */
  readonly top: number;
  readonly left: number;
  /** Size of the used range. */
  readonly rowCount: number;
  readonly colCount: number;
  private readonly values: CellValue[][];
  private readonly formulas: (string | null)[][] | undefined;
  private readonly hidden: Set<number>;
  /** Merged areas by absolute row (an area is listed under each of its rows). */
  private readonly mergesByRow = new Map<number, CellRange[]>();

  constructor(readonly snapshot: SheetSnapshot) {
    this.name = snapshot.name;
    this.top = snapshot.top;
    this.left = snapshot.left;
    this.values = snapshot.values;
    this.rowCount = snapshot.values.length;
    this.colCount = snapshot.values.reduce((w, r) => Math.max(w, r.length), 0);
    this.formulas = snapshot.formulas;
    this.hidden = new Set(snapshot.hiddenRows ?? []);
    for (const m of snapshot.merges) {
      if (m.rowCount < 1 || m.colCount < 1 || (m.rowCount === 1 && m.colCount === 1)) continue;
      for (let r = m.row; r < m.row + m.rowCount; r++) {
        const list = this.mergesByRow.get(r);
        if (list) list.push(m);
        else this.mergesByRow.set(r, [m]);
      }
    }
  }

  /** One past the last absolute row / column of the used range. */
  get bottom(): number {
    return this.top + this.rowCount;
  }
  get right(): number {
    return this.left + this.colCount;
  }

  /** The cell's own value (null outside the used range or when empty). */
  value(row: number, col: number): CellValue {
    const r = this.values[row - this.top];
    if (!r) return null;
    const v = r[col - this.left];
    return v === undefined ? null : v;
  }

  /** Merged areas touching a row (empty when none). */
  mergesIn(row: number): readonly CellRange[] {
    return this.mergesByRow.get(row) ?? NONE;
  }

  /** The merged area containing the cell (areas of more than one cell only), or null. */
  mergeAt(row: number, col: number): CellRange | null {
    const list = this.mergesByRow.get(row);
    if (!list) return null;
    for (const m of list) if (col >= m.col && col < m.col + m.colCount) return m;
    return null;
  }

  /** The value as displayed: a cell inside a merged area reads the area's top-left value. */
  mergedValue(row: number, col: number): CellValue {
    const m = this.mergeAt(row, col);
    return m ? this.value(m.row, m.col) : this.value(row, col);
  }

  /** Formula text ("=SUM(B2:B4)") of the cell, or null. */
  formula(row: number, col: number): string | null {
    if (!this.formulas) return null;
    const r = this.formulas[row - this.top];
    const f = r?.[col - this.left];
    return typeof f === "string" && f !== "" ? f : null;
  }

  isHidden(row: number): boolean {
    return this.hidden.has(row);
  }

  /** True when the row has no value in [fromCol, toCol] (inclusive; default the whole used range). */
  isBlankRow(row: number, fromCol = this.left, toCol = this.right - 1): boolean {
    const r = this.values[row - this.top];
    if (!r) return true;
    const a = Math.max(0, fromCol - this.left);
    const b = Math.min(r.length - 1, toCol - this.left);
    for (let c = a; c <= b; c++) {
      const v = r[c];
      if (v !== null && v !== undefined && !(typeof v === "string" && v.trim() === "")) return false;
    }
    return true;
  }
}
