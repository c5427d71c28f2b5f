/**
 * The browser demo (demo.html, `npm run demo`): the real task pane in a 320 px column beside a
 * read-only grid of an in-memory workbook loaded from the sample (gaozhuang-2023.json, made from the
 * .xlsx at build time and fetched from this server). Office is stubbed by installOfficeGlobals before
 * the pane mounts; the grid refreshes after each pane action; a file input opens another .xlsx (through
 * ExcelJS, loaded on demand). Nothing is requested outside this server.
 */
import * as React from "react";
import { createRoot, type Root } from "react-dom/client";
import { FluentProvider, Text, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import { installOfficeGlobals, type MemoryWorkbook } from "../host/memory";
import { mountPane } from "../taskpane/boot";
import { GridView } from "./GridView";
import { demoWindow, fetchWorkbook, SAMPLE_JSON, workbookFromBytes } from "./globals";

const useStyles = makeStyles({
  page: {
    display: "flex",
    flexDirection: "column",
    height: "100vh",
    boxSizing: "border-box",
    padding: tokens.spacingHorizontalM,
    gap: tokens.spacingVerticalS,
  },
  bar: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  status: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

function DemoChrome(props: {
  workbook: MemoryWorkbook | null;
  version: number;
  fileName: string;
  error: string | null;
  onOpen: (file: File) => void;
}): React.JSX.Element {
  const styles = useStyles();
  return (
    <FluentProvider theme={webLightTheme} style={{ height: "100%" }}>
      <div className={styles.page}>
        <div className={styles.bar}>
          <Text as="h1" size={500} weight="semibold">
            绩效评价助手 · 演示 / Demo
          </Text>
          <label>
            <Text size={300}>打开其他工作簿 / Open another .xlsx: </Text>
            <input
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid="open-file"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (file) props.onOpen(file);
              }}
            />
          </label>
          <Text size={200} className={styles.status}>
            {props.fileName}
          </Text>
          {props.error && (
            <Text size={300} className={styles.error} role="alert">
              {props.error}
            </Text>
          )}
        </div>
        <div style={{ flexGrow: 1, minHeight: 0 }}>
          {props.workbook && (
            <GridView key={props.fileName} workbook={props.workbook} version={props.version} />
          )}
        </div>
      </div>
    </FluentProvider>
  );
}

async function main(): Promise<void> {
  const paneEl = document.getElementById("pane") as HTMLElement;
  const gridEl = document.getElementById("grid") as HTMLElement;
  const gridRoot = createRoot(gridEl);
  const params = new URLSearchParams(window.location.search);
  const displayLanguage = params.get("lang") ?? navigator.language ?? "zh-CN";
  let workbook: MemoryWorkbook | null = null;
  let fileName = "gaozhuang-2023.xlsx";
  let version = 0;
  let error: string | null = null;
  let paneRoot: Root | null = null;

  const render = () =>
    gridRoot.render(
      <DemoChrome
        workbook={workbook}
        version={version}
        fileName={fileName}
        error={error}
        onOpen={(file) => void open(file)}
      />,
    );
  const refresh = () => {
    version += 1;
    render();
  };

  const start = async (next: MemoryWorkbook, name: string) => {
    workbook = next;
    fileName = name;
    error = null;
    installOfficeGlobals(demoWindow(), next, { displayLanguage });
    demoWindow().perfEvalWorkbook = next;
    paneRoot?.unmount();
    paneEl.replaceChildren();
    const mount = document.createElement("div");
    paneEl.appendChild(mount);
    refresh();
    paneRoot = await mountPane(mount, refresh);
  };

  const open = async (file: File) => {
    try {
      await start(await workbookFromBytes(await file.arrayBuffer()), file.name);
    } catch (e) {
      error = `无法打开 ${file.name}：${e instanceof Error ? e.message : String(e)} / Could not open ${file.name}.`;
      render();
    }
  };

  render();
  try {
    await start(await fetchWorkbook(SAMPLE_JSON), "gaozhuang-2023.xlsx");
  } catch (e) {
    error = `示例工作簿加载失败 / The sample workbook did not load: ${e instanceof Error ? e.message : String(e)}`;
    render();
  }
}

void main();
