/** @jest-environment jsdom */
/**
 * 复核 in the pane (issue 16), on the 自评/复核 fixture (test/engine/fixtures/review.ts): 自评 40 + 30 + 25 = 95
 * beside 复核 36 + 24 + 25 = 85, 偏离度 10/95 = 10.53%, 2 rows changed, 受益人数 (6/30 = 20%) beyond 10%;
 * the 复核 switch lists the review findings by level: P0 1 (below target yet full), P1 1 (偏离度), P2 1
 * (群众满意度 deducted with no reason).
 */
import * as React from "react";
import { act, configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { WorkbookSnapshot } from "../../src/engine/types";
import { t } from "../../src/i18n";
import { App } from "../../src/taskpane/App";
import { servicesFor } from "../../src/taskpane/services";
import { NINETY_FIVE, reviewWorkbook, selfReviewWorkbook } from "../engine/fixtures/review";
import { LOW_EXECUTION, ZERO_TOTAL, projectSheet } from "../engine/fixtures/subjects";
import { workbook } from "../engine/helpers/grid";
import { SnapshotHost } from "./helpers/snapshot-host";

jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });

async function scored(snapshot: WorkbookSnapshot, lang: "zh-CN" | "en-US" = "zh-CN"): Promise<SnapshotHost> {
  const host = new SnapshotHost(snapshot);
  render(<App status={{ kind: "ready", services: servicesFor(host) }} initialLang={lang} />);
  const button = await screen.findByRole("button", { name: t(lang, "score.button") });
  await waitFor(() => expect(button).toBeEnabled());
  await act(async () => {
    fireEvent.click(button);
  });
  await screen.findByTestId("total-score");
  return host;
}

it("shows 自评 95 beside 复核 85, 10.53%, the two changed rows and 受益人数 beyond 10%", async () => {
  const host = await scored(selfReviewWorkbook());
  expect(screen.getByTestId("total-score")).toHaveTextContent("85.00");
  expect(screen.getByTestId("review-self")).toHaveTextContent("自评 95.00 分");
  expect(screen.getByTestId("review-review")).toHaveTextContent("复核 85.00 分");
  expect(screen.getByTestId("review-deviation")).toHaveTextContent("偏离度 10.53%");
  expect(screen.getByTestId("review-changed")).toHaveTextContent("复核调整 2 项，超过阈值（10%）1 项");
  const rows = screen.getAllByTestId("review-row");
  expect(rows.map((r) => r.textContent)).toEqual([
    "完成道路数：自评 40.00 → 复核 36.00（10.00%）",
    "受益人数：自评 30.00 → 复核 24.00（20.00%）超过阈值",
  ]);
  expect(screen.getAllByTestId("review-flagged")).toHaveLength(1);
  await act(async () => {
    fireEvent.click(rows[1]);
  });
  expect(host.selected).toEqual(["指标评分!H3"]);
  // the findings by level only with the switch on
  expect(screen.queryByTestId("review-findings")).toBeNull();
  await act(async () => {
    fireEvent.click(screen.getByRole("switch", { name: t("zh-CN", "review.switch") }));
  });
  const levels = ["P0", "P1", "P2"].map((l) => screen.getByTestId(`review-level-${l}`));
  expect(levels.map((l) => within(l).getAllByTestId("review-finding").length)).toEqual([1, 1, 1]);
  expect(levels[0]).toHaveTextContent("P0（1 项）");
  expect(levels[1]).toHaveTextContent("自评得分与复核得分偏离较大");
  await act(async () => {
    fireEvent.click(within(levels[1]).getByTestId("review-finding"));
  });
  expect(host.selected[1]).toBe("指标评分!H3");
});

it("has no comparison without a 自评 column, and says when there is no review finding (English)", async () => {
  await scored(reviewWorkbook(NINETY_FIVE), "en-US");
  expect(screen.queryByTestId("review-compare")).toBeNull();
  await act(async () => {
    fireEvent.click(screen.getByRole("switch", { name: t("en-US", "review.switch") }));
  });
  expect(screen.getByTestId("review-findings")).toHaveTextContent("No review findings.");
});

/**
 * Several subjects: the department is the 自评/复核 fixture (its findings: P0 1 — 完成道路数 and 受益人数
 * self-scored full below target, one finding about two rows; P1 1 — 受益人数 偏离度 20%; P2 1 — 群众满意度
 * 25 of 30 with no reason), then two 自评表 (test/engine/fixtures/subjects.ts) whose one review finding
 * each is 群众出行条件改善 entered 27 of 30 with no 偏差原因 (P2). The overview counts them per subject
 * only with the 复核 switch on, as the open subject lists them.
 */
it("counts each subject's review findings by P-level in the overview under the 复核 switch", async () => {
  const snapshot = workbook([
    ...selfReviewWorkbook().sheets,
    projectSheet("项目1", LOW_EXECUTION),
    projectSheet("项目2", ZERO_TOTAL),
  ]);
  const host = new SnapshotHost(snapshot);
  render(<App status={{ kind: "ready", services: servicesFor(host) }} initialLang="zh-CN" />);
  const button = await screen.findByRole("button", { name: t("zh-CN", "score.button") });
  await waitFor(() => expect(button).toBeEnabled());
  await act(async () => {
    fireEvent.click(button);
  });
  const overview = await screen.findByTestId("overview");
  const rows = within(overview).getAllByTestId("overview-row");
  expect(rows).toHaveLength(3);
  // off: no counts
  expect(within(overview).queryAllByTestId("overview-review")).toHaveLength(0);
  await act(async () => {
    fireEvent.click(screen.getByRole("switch", { name: t("zh-CN", "review.switch") }));
  });
  const counts = (row: HTMLElement) =>
    ["P0", "P1", "P2"].map((l) => within(row).getByTestId(`overview-review-${l}`).textContent);
  expect(rows.map((r) => within(r).getByText(/乡村道路养护|桥梁维修|部门整体/).textContent)).toEqual([
    expect.stringContaining("部门整体"),
    "乡村道路养护",
    "桥梁维修",
  ]);
  expect(counts(rows[0])).toEqual(["P0（1 项）", "P1（1 项）", "P2（1 项）"]);
  expect(counts(rows[1])).toEqual(["P0（0 项）", "P1（0 项）", "P2（1 项）"]);
  expect(counts(rows[2])).toEqual(["P0（0 项）", "P1（0 项）", "P2（1 项）"]);
  expect(rows[0]).toHaveAccessibleName(expect.stringContaining("复核问题 P0 1 项、P1 1 项、P2 1 项"));
  // the open subject lists as many as its row counts
  await act(async () => {
    fireEvent.click(rows[0]);
  });
  const levels = ["P0", "P1", "P2"].map((l) => screen.getByTestId(`review-level-${l}`));
  expect(levels.map((l) => within(l).getAllByTestId("review-finding").length)).toEqual([1, 1, 1]);
  // switched off again, an overview row has no counts
  await act(async () => {
    fireEvent.click(screen.getByRole("switch", { name: t("zh-CN", "review.switch") }));
  });
  expect(screen.queryByTestId("review-findings")).toBeNull();
});

it("counts the overview's review findings in English too", async () => {
  const snapshot = workbook([...selfReviewWorkbook().sheets, projectSheet("项目1", LOW_EXECUTION)]);
  const host = new SnapshotHost(snapshot);
  render(<App status={{ kind: "ready", services: servicesFor(host) }} initialLang="en-US" />);
  const button = await screen.findByRole("button", { name: t("en-US", "score.button") });
  await waitFor(() => expect(button).toBeEnabled());
  await act(async () => {
    fireEvent.click(button);
  });
  const overview = await screen.findByTestId("overview");
  await act(async () => {
    fireEvent.click(screen.getByRole("switch", { name: t("en-US", "review.switch") }));
  });
  const rows = within(overview).getAllByTestId("overview-row");
  expect(within(rows[1]).getByTestId("overview-review")).toHaveTextContent("P0 (0)P1 (0)P2 (1)");
  expect(rows[1]).toHaveAccessibleName(expect.stringContaining("review findings: P0 0, P1 0, P2 1"));
});
