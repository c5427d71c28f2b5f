/** The demo's read-only view of the in-memory workbook: a tab per sheet and the cells as a table
 *  (numbers formatted by their number format, the user's fills, cells marked by the add-in tinted,
 *  the current selection outlined). Re-rendered after every pane action. */
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

  // Follow the selection (clicking a finding in the pane shows its sheet here).
  React.useEffect(() => {
    if (selection && names.includes(selection.sheet)) setSheet(selection.sheet);
  }, [props.version, selection?.sheet, selection?.address]); // names/selection are read fresh each render
  const current = names.includes(sheet) ? sheet : (names[0] ?? "");
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
