/** @jest-environment jsdom */
/**
 * Real layouts, round two (issue 14), where the user looks in the task pane: the round-two workbooks of
 * test/engine/fixtures/layouts-round-two.ts scored through the real pane (a fake host in between, no
 * Excel). test/engine/layouts/round-two.test.ts checks the same figures in the engine, console and JSON;
 * here the pane's 未能检查 list and its findings must show them too.
 */
import * as React from "react";
import { act, configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { WorkbookSnapshot } from "../../../src/engine/types";
import { t } from "../../../src/i18n";
import { App } from "../../../src/taskpane/App";
import { servicesFor } from "../../../src/taskpane/services";
import { totalRowNewProject, zeroTotalOverFundedParts } from "../fixtures/layouts-round-two";
import { SnapshotHost } from "../../taskpane/helpers/snapshot-host";

// The whole engine runs under these tests; give slow machines room.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });

/** Score the workbook in the pane and return the 未能检查 list, opened. */
async function scoreAndOpenNotChecked(snapshot: WorkbookSnapshot): Promise<HTMLElement> {
  render(
    <App status={{ kind: "ready", services: servicesFor(new SnapshotHost(snapshot)) }} initialLang="zh-CN" />,
  );
  const button = await screen.findByRole("button", { name: t("zh-CN", "score.button") });
  await waitFor(() => expect(button).toBeEnabled());
  await act(async () => {
    fireEvent.click(button);
  });
  const list = await screen.findByTestId("not-checked");
  // a long list starts closed: open it
  const header = within(list).getByRole("button");
  if (header.getAttribute("aria-expanded") !== "true")
    await act(async () => {
      fireEvent.click(header);
    });
  return list;
}

function items(list: HTMLElement): string[] {
  return within(list)
    .getAllByRole("listitem")
    .map((li) => li.textContent ?? "");
}

describe("the pane's 未能检查 on the round-two budget blocks", () => {
  it("调整率 on the total row (年初 0.00, 调整后 5.20): names the 总额 row, not the empty 其中 row", async () => {
    const list = await scoreAndOpenNotChecked(totalRowNewProject());
    const lines = items(list);
    // (5.20 − 0.00) / 0.00 is not computable; the department's 执行率 4.16 / 5.20 = 80% is (no note)
    expect(lines.filter((l) => l.startsWith("预算调整率"))).toEqual([
      "预算调整率：总额：年初预算为0，调整率无法计算",
    ]);
    expect(lines.some((l) => l.includes("财政资金"))).toBe(false);
    expect(lines.some((l) => l.startsWith("预算执行率"))).toBe(false);
  });

  it("a rate left blank in the sheet (G4, a total row of zeros) says why, and findings drop 其中：", async () => {
    const list = await scoreAndOpenNotChecked(zeroTotalOverFundedParts());
    // 年度资金总额: 0 / 0 → the 执行率 cell G4 stays blank; 其他资金 has no figure at all → not listed
    expect(items(list)).toContain("执行率（表中留空的单元格）：年度资金总额（G4）：调整后预算数为 0");
    expect(items(list).some((l) => l.includes("其他资金"))).toBe(false);
    // 合计 ≠ 分项之和 on the total row: 120 + 10 = 130 vs 0, shown with the display name 本年财政拨款
    const findings = screen.getAllByTestId("finding").map((f) => f.textContent ?? "");
    const mismatch = findings.find((f) => f.includes("之和为130.00万元"));
    expect(mismatch).toContain("本年财政拨款＋上年结转资金之和为130.00万元，合计为0.00万元");
    expect(mismatch).not.toContain("其中：");
    // the entered budget 得分 9.5 is kept: 9.5 + 50 + 27 + 10 = 96.5
    expect(screen.getByTestId("total-score")).toHaveTextContent("96.50");
  });
});
