/** @jest-environment jsdom */
/**
 * The rule profile in the pane's settings (issue 16): choosing 一体化自评 fills the form with its numbers
 * and saves its name in the workbook; the next 评分 uses it (the cap fixture: 95 at 执行率 65% → 79).
 */
import * as React from "react";
import { act, configure, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { t } from "../../src/i18n";
import { App } from "../../src/taskpane/App";
import { servicesFor } from "../../src/taskpane/services";
import { NINETY_FIVE, reviewWorkbook } from "../engine/fixtures/review";
import { SnapshotHost } from "./helpers/snapshot-host";

jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });

it("saves the chosen profile in the workbook and scores with it", async () => {
  const host = new SnapshotHost(reviewWorkbook(NINETY_FIVE, { budget: [100, 65] }));
  render(<App status={{ kind: "ready", services: servicesFor(host) }} initialLang="zh-CN" />);
  await screen.findByText(t("zh-CN", "found.title"));
  fireEvent.click(screen.getByRole("tab", { name: t("zh-CN", "tab.settings") }));
  const select = screen.getByLabelText(t("zh-CN", "settings.profile")) as HTMLSelectElement;
  expect(select.value).toBe("default");
  fireEvent.change(select, { target: { value: "一体化自评" } });
  expect(select.value).toBe("一体化自评");
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: t("zh-CN", "settings.save") }));
  });
  await screen.findByText(t("zh-CN", "settings.saved"));
  expect(host.saved).toHaveLength(1);
  expect(host.saved[0].profile).toBe("一体化自评");
  expect(host.saved[0].thresholds?.executionLow).toBeCloseTo(0.9, 10);

  fireEvent.click(screen.getByRole("tab", { name: t("zh-CN", "tab.score") }));
  const button = await screen.findByRole("button", { name: t("zh-CN", "score.button") });
  await waitFor(() => expect(button).toBeEnabled());
  await act(async () => {
    fireEvent.click(button);
  });
  expect(await screen.findByTestId("total-score")).toHaveTextContent("79");
});
