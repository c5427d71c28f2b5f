/** The demo's read-only view of the in-memory workbook: a tab per sheet and the cells as a table
 *  (numbers formatted by their number format, the user's fills, cells marked by the add-in tinted,
 *  the current selection outlined). Re-rendered after every pane action: it shows the sheet of a new
 *  selection (a finding clicked in the pane), else, when the action changed other sheets but not the
 *  one shown (评分 on the sample leaves 基本信息 as it was), the first sheet that changed. */
import * as React from "react";
import { Tab, TabList, Text, makeStyles, tokens } from "@fluentui/react-components";
import { sheetGrid, type MemoryWorkbook } from "../host/memory";
import { columnName, parseRange } from "../engine/address";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minWidth: 0, height: "100%" },
  scroller: {
    overflow: "auto",
    flexGrow: 1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: { borderCollapse: "collapse", fontSize: "12px", tableLayout: "auto" },
  corner: { position: "sticky", top: 0, left: 0, zIndex: 2, backgroundColor: tokens.colorNeutralBackground3 },
  colHead: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: 600,
    padding: "2px 6px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  rowHead: {
    position: "sticky",
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    textAlign: "right",
    padding: "2px 6px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke3}`,
    padding: "2px 6px",
    maxWidth: "260px",
    whiteSpace: "pre-wrap",
    verticalAlign: "top",
  },
  number: { textAlign: "right", whiteSpace: "nowrap" },
  marked: { boxShadow: `inset 0 0 0 2px ${tokens.colorPaletteRedBorder2}` },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px" },
  legend: {
    display: "flex",
    gap: tokens.spacingHorizontalM,
    flexWrap: "wrap",
    padding: `${tokens.spacingVerticalXS} 0`,
  },
});

const MARK_TINT = "#fde7e9";

export function GridView(props: { workbook: MemoryWorkbook; version: number }): React.JSX.Element {
  const styles = useStyles();
  const { workbook } = props;
  const names = workbook.sheetNames();
  const selection = workbook.selection;
  const [sheet, setSheet] = React.useState<string>(names[0] ?? "");
  const current = names.includes(sheet) ? sheet : (names[0] ?? "");
  // What each sheet showed, and the selection, at the last refresh.
  const seen = React.useRef<{ prints: Map<string, string>; selection: string } | null>(null);

  React.useEffect(() => {
    const prints = sheetPrints(workbook);
    const selected = selection ? `${selection.sheet}!${selection.address}` : "";
    const before = seen.current;
    seen.current = { prints, selection: selected };
    if (selection && names.includes(selection.sheet) && (before === null || before.selection !== selected))
      setSheet(selection.sheet); // a cell selected from the pane: show its sheet
    else if (before) setSheet(sheetAfterChange(current, before.prints, prints));
  }, [props.version, selection?.sheet, selection?.address]); // names/selection are read fresh each render
  const grid = current ? sheetGrid(workbook, current) : { rows: [], merges: [] };

  const selected = selection && selection.sheet === current ? safeRange(selection.address) : null;
  const covered = new Set<string>();
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  for (const m of grid.merges) {
    spans.set(`${m.row},${m.col}`, { rowSpan: m.rowCount, colSpan: m.colCount });
    for (let r = m.row; r < m.row + m.rowCount; r++)
      for (let c = m.col; c < m.col + m.colCount; c++)
        if (r !== m.row || c !== m.col) covered.add(`${r},${c}`);
  }
  const width = Math.max(0, ...grid.rows.map((r) => r.length));

  return (
    <div className={styles.root}>
      <TabList
        selectedValue={current}
        onTabSelect={(_, d) => setSheet(String(d.value))}
        size="small"
        aria-label="工作表 / Sheets"
      >
        {names.map((name) => (
          <Tab key={name} value={name}>
            {name}
          </Tab>
        ))}
      </TabList>
      <div className={styles.legend}>
        <Text size={200}>
          <span style={{ background: MARK_TINT, padding: "0 6px" }}>标记 / marked</span>
        </Text>
        <Text size={200}>{selection ? `选中 / selected: ${selection.sheet}!${selection.address}` : ""}</Text>
      </div>
      <div className={styles.scroller}>
        <table className={styles.table} aria-label={current} data-sheet={current}>
          <thead>
            <tr>
              <th className={styles.corner} />
              {Array.from({ length: width }, (_, c) => (
                <th key={c} className={styles.colHead} scope="col">
                  {columnName(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((row, r) => (
              <tr key={r}>
                <th className={styles.rowHead} scope="row">
                  {r + 1}
                </th>
                {row.map((cell, c) => {
                  const key = `${r},${c}`;
                  if (covered.has(key)) return null;
                  const span = spans.get(key);
                  const isSelected =
                    selected !== null &&
                    r >= selected.row &&
                    r < selected.row + selected.rowCount &&
                    c >= selected.col &&
                    c < selected.col + selected.colCount;
                  const classes = [
                    styles.cell,
                    isNumberText(cell.value) ? styles.number : "",
                    cell.marked ? styles.marked : "",
                    isSelected ? styles.selected : "",
                  ]
                    .filter(Boolean)
                    .join(" ");
                  return (
                    <td
                      key={c}
                      className={classes}
                      rowSpan={span?.rowSpan}
                      colSpan={span?.colSpan}
                      style={{ background: cell.marked ? (cell.markFill ?? MARK_TINT) : cell.fill }}
                      title={cell.formula}
                      data-cell={`${columnName(c)}${r + 1}`}
                      data-marked={cell.marked ? "true" : undefined}
                    >
                      {cell.value}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Each sheet as the grid shows it (values as formatted, fills, marks, merges), one string per sheet in
 *  tab order: two refreshes' prints tell which sheets an action changed. */
export function sheetPrints(workbook: MemoryWorkbook): Map<string, string> {
  return new Map(workbook.sheetNames().map((name) => [name, JSON.stringify(sheetGrid(workbook, name))]));
}

/** The sheet to show after an action: the one shown when it changed or nothing did, else the first sheet
 *  (in tab order) that changed or is new. */
export function sheetAfterChange(
  current: string,
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): string {
  const changed = [...after.keys()].filter((name) => before.get(name) !== after.get(name));
  return changed.length === 0 || changed.includes(current) ? current : changed[0];
}

function isNumberText(text: string): boolean {
  return /^-?[\d,]+(\.\d+)?%?$/.test(text.trim());
}

function safeRange(address: string) {
  try {
    return parseRange(address);
  } catch {
    return null;
  }
}
