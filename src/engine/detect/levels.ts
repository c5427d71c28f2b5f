/**
 * Level labels (一级/二级/三级) read down a table: a blank cell under a merged label, or under a label in
 * the rows above within the table, belongs to that label; a new 一级 starts its 二级 afresh. Weights
 * written in labels (`产出指标（50分）`) are split off.
 */
import type { SheetGrid } from "../grid";
import { splitWeightLabel } from "../headers";
import { cellText } from "../values";

interface LevelLabel {
  name: string;
  /** A weight written in the label, if any. */
  weight: number | null;
  /** The label's own cell is on this row (not carried down, not inside a merge from above). */
  own: boolean;
  /** A new label starts on this row (a different name, or the top of a merged label). */
  started: boolean;
}

/** Carries one level's label down the rows. `read` returns the same object each time, updated. */
export class LevelCarry {
  private readonly current: LevelLabel = { name: "", weight: null, own: false, started: false };
  private lastText: string | null = null;

  constructor(
    private readonly grid: SheetGrid,
    private readonly col: number | undefined,
  ) {}

  /** The label carried so far. */
  get name(): string {
    return this.current.name;
  }

  /** The label for this row. `reset` drops the carried label first (its parent changed). */
  read(row: number, reset = false): LevelLabel {
    const cur = this.current;
    if (reset) {
      cur.name = "";
      cur.weight = null;
      this.lastText = null;
    }
    cur.own = false;
    cur.started = false;
    if (this.col === undefined) return cur;
    const merge = this.grid.mergeAt(row, this.col);
    const raw = merge ? this.grid.value(merge.row, merge.col) : this.grid.value(row, this.col);
    if (raw === null) return cur;
    const text = cellText(raw);
    if (text === null) return cur;
    const topOfMerge = merge !== null && merge.row === row;
    cur.own = merge ? topOfMerge : true;
    if (text === this.lastText && !topOfMerge) return cur;
    const { name, weight } = splitWeightLabel(text);
    cur.started = name !== cur.name || topOfMerge;
    if (cur.started || weight !== null) cur.weight = weight;
    cur.name = name;
    this.lastText = text;
    return cur;
  }
}
