/** @jest-environment jsdom */
/**
 * The demo's grid (src/demo/GridView.tsx) after pane actions on the sample, run for real through the
 * Office adapter over the in-memory Excel: after 评分 it leaves 基本信息 (nothing changed there) for the
 * first sheet that changed; a cell selected from the pane shows its sheet and a refresh that changes
 * nothing keeps it; a sheet the user picked stays while actions leave it unchanged; the inserted 问题汇总
 * sheet is shown.
 */
import * as React from "react";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { resolveConfig } from "../../src/engine/config";
import { createExcelApi, isSetSupportedBy, MemoryWorkbook } from "../../src/host/memory";
import { createOfficeHost } from "../../src/host/office/host";
import { GridView, sheetAfterChange, sheetPrints } from "../../src/demo/GridView";
import { insertSummarySheet, scoreWorkbook } from "../../src/usecases";

jest.setTimeout(60_000);

function setup() {
  const wb = MemoryWorkbook.fromSnapshot(gaozhuangSnapshot());
  const host = createOfficeHost(createExcelApi(wb), {
    isSetSupported: (set, version) => isSetSupportedBy(wb, set, version),
  });
  let version = 0;
  const view = render(<GridView workbook={wb} version={version} />);
  const refresh = () => act(() => view.rerender(<GridView workbook={wb} version={++version} />));
  const shown = () => screen.getByRole("table").getAttribute("data-sheet");
  return { wb, host, refresh, shown };
}

describe("sheetAfterChange", () => {
  const prints = (entries: [string, string][]) => new Map(entries);
  const before = prints([
    ["基本信息", "a"],
    ["预算执行", "b"],
    ["指标评分", "c"],
  ]);

  it("moves to the first changed sheet, in tab order, when the one shown did not change", () => {
    const after = prints([
      ["基本信息", "a"],
      ["预算执行", "b2"],
      ["指标评分", "c2"],
    ]);
    expect(sheetAfterChange("基本信息", before, after)).toBe("预算执行");
  });

  it("stays when the one shown changed, or nothing did; a new sheet counts as changed", () => {
    expect(sheetAfterChange("指标评分", before, prints([...before, ["指标评分", "c2"]]))).toBe("指标评分");
    expect(sheetAfterChange("基本信息", before, before)).toBe("基本信息");
    expect(sheetAfterChange("基本信息", before, prints([...before, ["问题汇总", "d"]]))).toBe("问题汇总");
  });
});

describe("the demo grid after pane actions", () => {
  it("shows the first sheet 评分 changed, not 基本信息", async () => {
    const { wb, host, refresh, shown } = setup();
    expect(shown()).toBe("基本信息");
    const before = sheetPrints(wb);
    await scoreWorkbook(host, resolveConfig());
    const after = sheetPrints(wb);
    expect(after.get("基本信息")).toBe(before.get("基本信息"));
    const changed = wb.sheetNames().filter((n) => after.get(n) !== before.get(n));
    expect(changed[0]).toBe("预算执行");
    refresh();
    expect(shown()).toBe("预算执行");
    expect(screen.getByRole("tab", { name: "预算执行" })).toHaveAttribute("aria-selected", "true");
  });

  it("follows a selection from the pane, and keeps the user's tab while nothing shown changes", async () => {
    const { wb, host, refresh, shown } = setup();
    await scoreWorkbook(host, resolveConfig());
    refresh();
    wb.selection = { sheet: "指标评分", address: "I4" };
    refresh();
    expect(shown()).toBe("指标评分");
    refresh(); // nothing changed, the selection did not move
    expect(shown()).toBe("指标评分");
    fireEvent.click(screen.getByRole("tab", { name: "管理情况" }));
    expect(shown()).toBe("管理情况");
    await scoreWorkbook(host, resolveConfig()); // scoring again writes the same
    refresh();
    expect(shown()).toBe("管理情况");
  });

  it("shows the 问题汇总 sheet once it is inserted", async () => {
    const { host, refresh, shown } = setup();
    const { evaluation } = await scoreWorkbook(host, resolveConfig());
    refresh();
    const { sheet } = await insertSummarySheet(host, evaluation);
    refresh();
    expect(shown()).toBe(sheet);
  });
});
