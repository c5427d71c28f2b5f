/**
 * Level labels (一级/二级/三级) read down a table: a blank cell under a merged label, or under a label in
 * the rows above within the table, belongs to that label; a new 一级 starts its 二级 afresh. Weights
 * written in labels (`产出指标（50分）`) are split off.
 */
import type { SheetGrid } from "../grid";
import { splitWeightLabel } from "../headers";
import { cellText } from "../values";

export interface LevelLabel {
  name: string;
  /** A weight written in the label, if any. */
  weight: number | null;
  /** The label's own cell is on this row (not carried down, not inside a merge from above). */
  own: boolean;
  /** A new label starts on this row (a different name, or the top of a merged label). */
  started: boolean;
}

const EMPTY: LevelLabel = { name: "", weight: null, own: false, started: false };

/** Carries one level's label down the rows. */
export class LevelCarry {
  private current: LevelLabel = EMPTY;

  constructor(
    private readonly grid: SheetGrid,
    private readonly col: number | undefined,
  ) {}

  /** The label for this row. `reset` drops the carried label first (its parent changed). */
  read(row: number, reset = false): LevelLabel {
    if (reset) this.current = EMPTY;
    if (this.col === undefined) return this.current;
    const text = cellText(this.grid.mergedValue(row, this.col));
    if (text === null) {
      this.current = { ...this.current, own: false, started: false };
      return this.current;
    }
    const { name, weight } = splitWeightLabel(text);
    const merge = this.grid.mergeAt(row, this.col);
    const own = merge ? merge.row === row : true;
    const started = name !== this.current.name || (merge !== null && merge.row === row);
    this.current = { name, weight: weight ?? (started ? null : this.current.weight), own, started };
    return this.current;
  }
}
