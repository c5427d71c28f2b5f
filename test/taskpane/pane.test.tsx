/** @jest-environment jsdom */
/**
 * The task pane against a fake WorkbookHost (the real use-cases and engine in between): no Excel, no
 * tables found, a failed sync, invalid settings, the severity filter, and clicking a finding.
 */
import * as React from "react";
import { act, configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { PROJECT_FORMS, projectsWorkbook } from "../engine/fixtures/subjects";
import type { EvalConfig, SummarySheet, WorkbookSnapshot, WritePlan } from "../../src/engine/types";
import { HostError, type ApplyResult, type WorkbookHost } from "../../src/host/port";
import { t } from "../../src/i18n";
import { App } from "../../src/taskpane/App";
import { resolveStatus } from "../../src/taskpane/boot";
import { servicesFor } from "../../src/taskpane/services";

// The whole engine runs under these tests; give slow CI machines room.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });

class FakeHost implements WorkbookHost {
  settings: Partial<EvalConfig> | null = null;
  applyError: Error | null = null;
  readonly selected: { sheet: string; address: string }[] = [];
  readonly saved: Partial<EvalConfig>[] = [];
  readonly applied: WritePlan[] = [];

  constructor(public snapshot: WorkbookSnapshot) {}

  async readSnapshot(): Promise<WorkbookSnapshot> {
    return this.snapshot;
  }
  async applyPlan(plan: WritePlan): Promise<ApplyResult> {
    if (this.applyError) throw this.applyError;
    this.applied.push(plan);
    return { written: plan.writes.length, marked: plan.marks.length, sheets: plan.sheets };
  }
  async insertSummary(summary: SummarySheet): Promise<{ sheet: string }> {
    return { sheet: summary.name };
  }
  async select(sheet: string, address: string): Promise<void> {
    this.selected.push({ sheet, address });
  }
  async clearMarks(): Promise<number> {
    return 0;
  }
  async undoLastRun(): Promise<number> {
    return 0;
  }
  async loadSettings(): Promise<Partial<EvalConfig> | null> {
    return this.settings;
  }
  async saveSettings(config: Partial<EvalConfig>): Promise<void> {
    this.saved.push(config);
    this.settings = config;
  }
}

const emptyWorkbook = (): WorkbookSnapshot => ({
  sheets: [{ name: "Sheet1", top: 0, left: 0, values: [[null]], merges: [] }],
});

function renderPane(host: FakeHost, lang: "zh-CN" | "en-US" = "zh-CN") {
  return render(<App status={{ kind: "ready", services: servicesFor(host) }} initialLang={lang} />);
}

async function scoreIt(lang: "zh-CN" | "en-US" = "zh-CN") {
  const button = await screen.findByRole("button", { name: t(lang, "score.button") });
  await waitFor(() => expect(button).toBeEnabled());
  await act(async () => {
    fireEvent.click(button);
  });
}

describe("outside Excel", () => {
  const g = globalThis as unknown as Record<string, unknown>;
  afterEach(() => {
    delete g.Office;
    delete g.Excel;
  });

  it("says to open it in Excel when Office reports no Excel host", async () => {
    g.Office = {
      onReady: () => Promise.resolve({ host: null, platform: null }),
      HostType: { Excel: "Excel" },
      context: { displayLanguage: "zh-CN" },
    };
    const { status, displayLanguage } = await resolveStatus();
    expect(status.kind).toBe("noExcel");
    render(<App status={status} initialLang={displayLanguage === "zh-CN" ? "zh-CN" : "en-US"} />);
    expect(screen.getByRole("alert")).toHaveTextContent(t("zh-CN", "host.noExcel.title"));
    expect(screen.queryByRole("button", { name: t("zh-CN", "score.button") })).toBeNull();
  });

  it("names both hosts it runs in, Excel and WPS 表格, in both languages", () => {
    for (const lang of ["zh-CN", "en-US"] as const) {
      const { unmount } = render(<App status={{ kind: "noExcel" }} initialLang={lang} />);
      const alert = screen.getByRole("alert");
      expect(alert).toHaveTextContent(/Excel/);
      expect(alert).toHaveTextContent(/WPS 表格/);
      unmount();
      for (const key of ["host.loading", "error.hint.NoExcel"] as const)
        expect(t(lang, key)).toMatch(/Excel.*WPS 表格/);
    }
  });

  it("says office.js did not load when there is no Office at all", async () => {
    const { status } = await resolveStatus();
    expect(status.kind).toBe("noOffice");
    render(<App status={status} initialLang="en-US" />);
    expect(screen.getByRole("alert")).toHaveTextContent(t("en-US", "host.noOffice.title"));
  });
});

describe("task pane with a fake host", () => {
  it("lists the missing tables with how to lay each out when nothing is recognised", async () => {
    renderPane(new FakeHost(emptyWorkbook()));
    expect(await screen.findByText(t("zh-CN", "found.none"))).toBeInTheDocument();
    expect(screen.getByText(t("zh-CN", "missing.budget"))).toBeInTheDocument();
    expect(screen.getByText(t("zh-CN", "missing.indicators"))).toBeInTheDocument();
  });

  it("shows what it found in the sample: kind, sheet and the header's Excel row", async () => {
    renderPane(new FakeHost(gaozhuangSnapshot()));
    const list = await screen.findByRole("list", { name: t("zh-CN", "found.title") });
    expect(within(list).getByText(/预算执行表：工作表“预算执行”，表头在第\s\d+\s行/)).toBeInTheDocument();
    expect(within(list).getByText(/指标评分表：工作表“指标评分”/)).toBeInTheDocument();
  });

  it("shows the HostError message and what to do when a sync fails", async () => {
    const host = new FakeHost(gaozhuangSnapshot());
    host.applyError = new HostError(
      "SyncFailed",
      "写入“指标评分”时同步失败（InvalidArgument），工作簿没有被修改。",
      "指标评分",
      "I5",
    );
    renderPane(host);
    await scoreIt();
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("写入“指标评分”时同步失败（InvalidArgument），工作簿没有被修改。");
    expect(alert).toHaveTextContent(t("zh-CN", "error.hint.SyncFailed"));
    expect(screen.queryByTestId("total-score")).toBeNull();
  });

  it("shows validation messages and does not save invalid settings", async () => {
    const host = new FakeHost(emptyWorkbook());
    renderPane(host);
    await screen.findByText(t("zh-CN", "found.none"));
    fireEvent.click(screen.getByRole("tab", { name: t("zh-CN", "tab.settings") }));

    const low = screen.getByLabelText(t("zh-CN", "settings.executionLow"));
    fireEvent.change(low, { target: { value: "九十" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: t("zh-CN", "settings.save") }));
    });
    expect(screen.getAllByText(t("zh-CN", "settings.notNumber")).length).toBeGreaterThan(0);
    expect(host.saved).toHaveLength(0);

    fireEvent.change(low, { target: { value: "90" } });
    fireEvent.change(screen.getByLabelText(t("zh-CN", "settings.adjustmentWarn")), {
      target: { value: "50" },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: t("zh-CN", "settings.save") }));
    });
    expect(screen.getAllByText("调整率预警线不能高于错误线。").length).toBeGreaterThan(0);
    expect(host.saved).toHaveLength(0);

    fireEvent.change(screen.getByLabelText(t("zh-CN", "settings.adjustmentWarn")), {
      target: { value: "15" },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: t("zh-CN", "settings.save") }));
    });
    await screen.findByText(t("zh-CN", "settings.saved"));
    expect(host.saved).toHaveLength(1);
    expect(host.saved[0].thresholds?.adjustmentWarn).toBeCloseTo(0.15, 10);
    expect(host.saved[0].thresholds?.executionLow).toBeCloseTo(0.9, 10);
  });

  it("scores the sample: total, grade, a bar per 一级指标 and findings by severity", async () => {
    renderPane(new FakeHost(gaozhuangSnapshot()));
    await scoreIt();
    expect(await screen.findByTestId("total-score")).toHaveTextContent("85.54");
    expect(screen.getByTestId("grade")).toHaveTextContent("良");
    const bars = screen.getAllByRole("progressbar");
    expect(bars.length).toBeGreaterThanOrEqual(5);
    expect(screen.getByText(/管理效率：20.34 \/ 30 分/)).toBeInTheDocument();
    expect(screen.getByText("得分率 67.80%")).toBeInTheDocument();
  });

  it("filters findings by severity", async () => {
    renderPane(new FakeHost(gaozhuangSnapshot()));
    await scoreIt();
    await screen.findByTestId("total-score");
    const all = screen.getAllByTestId("finding");
    const errors = all.filter((el) =>
      within(el).queryByText(t("zh-CN", "severity.error"), { selector: ".fui-Badge" }),
    );
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.length).toBeLessThan(all.length);

    const filter = screen.getByRole("group", { name: t("zh-CN", "findings.filter") });
    fireEvent.click(
      within(filter).getByRole("button", { name: new RegExp(`^${t("zh-CN", "severity.error")}`) }),
    );
    const after = screen.getAllByTestId("finding");
    expect(after).toHaveLength(all.length - errors.length);
    for (const el of after)
      expect(within(el).queryByText(t("zh-CN", "severity.error"), { selector: ".fui-Badge" })).toBeNull();
  });

  it("selects a finding's cell when the finding is clicked", async () => {
    const host = new FakeHost(gaozhuangSnapshot());
    renderPane(host);
    await scoreIt();
    await screen.findByTestId("total-score");
    const finding = screen.getAllByTestId("finding").find((el) => within(el).queryByText(/120\.90%/));
    expect(finding).toBeDefined();
    const header = within(finding as HTMLElement).getAllByRole("button")[0];
    await act(async () => {
      fireEvent.click(header);
    });
    expect(host.selected).toHaveLength(1);
    expect(host.selected[0].sheet).toBe("预算执行");
    expect(
      within(finding as HTMLElement).getAllByText(`预算执行!${host.selected[0].address}`).length,
    ).toBeGreaterThan(0);
  });
});

describe("several subjects: the overview first", () => {
  // The three 自评表 of test/engine/fixtures/subjects.ts beside the sample's department (worked out in
  // test/engine/subjects.test.ts): 部门整体 85.54 → 良; 乡村道路养护 8 + 49.12 + 27 + 10 = 94.12 → 优
  // (one warning: 执行率 80% < 90%); 桥梁维修 0 + 50 + 27 + 10 = 87 → 良 (one warning: the zero budget row
  // is unscored); 公交运营补贴 10 + 50 + 27 + 10 = 97 → 优 (one error: 调整率 −35% beyond −30%, in D7).
  const host = () => new FakeHost(projectsWorkbook(PROJECT_FORMS, { department: true }));

  it("lists every subject with its total, grade and errors; a row opens its levels and findings", async () => {
    const h = host();
    renderPane(h);
    await scoreIt();
    const overview = await screen.findByTestId("overview");
    expect(screen.queryByTestId("total-score")).toBeNull();
    const rows = within(overview).getAllByTestId("overview-row");
    expect(rows.map((r) => r.getAttribute("aria-label"))).toEqual([
      expect.stringMatching(/^平顶山市石龙区高庄街道办事处（部门整体）：总分 85\.54，等级 良，错误 \d+ 个/),
      "乡村道路养护：总分 94.12，等级 优，错误 0 个，警告 1 个",
      "桥梁维修：总分 87.00，等级 良，错误 0 个，警告 1 个",
      "公交运营补贴：总分 97.00，等级 优，错误 1 个，警告 0 个",
    ]);
    expect(within(rows[3]).getByTestId("overview-total")).toHaveTextContent("97.00 / 100 分");
    expect(within(rows[3]).getByTestId("overview-grade")).toHaveTextContent("优");
    expect(within(rows[3]).getByTestId("overview-errors")).toHaveTextContent("错误 1 个");

    await act(async () => {
      fireEvent.click(rows[3]);
    });
    const view = await screen.findByTestId("subject-view");
    expect(view).toHaveTextContent("工作表：项目3；错误 1 个，警告 0 个");
    expect(screen.getByRole("heading", { name: "公交运营补贴" })).toBeInTheDocument();
    expect(screen.getByTestId("total-score")).toHaveTextContent("97.00");
    expect(screen.getByTestId("grade")).toHaveTextContent("优");
    expect(screen.getByText("预算执行：10.00 / 10 分")).toBeInTheDocument();
    const findings = screen.getAllByTestId("finding");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toHaveTextContent("预算调整率超过30%");
    await act(async () => {
      fireEvent.click(within(findings[0]).getAllByRole("button")[0]);
    });
    expect(h.selected).toEqual([{ sheet: "项目3", address: "D7" }]);

    // back to the overview, then the subject filter opens 乡村道路养护 with its one finding
    fireEvent.click(screen.getByRole("button", { name: "返回总览（4 个评价对象）" }));
    await screen.findByTestId("overview");
    const all = screen.getAllByTestId("finding").length;
    fireEvent.change(screen.getByLabelText(t("zh-CN", "findings.subjectFilter")), {
      target: { value: "project:项目1" },
    });
    await screen.findByTestId("subject-view");
    expect(screen.getByTestId("total-score")).toHaveTextContent("94.12");
    const road = screen.getAllByTestId("finding");
    expect(road).toHaveLength(1);
    expect(road[0]).toHaveTextContent("年度资金总额执行率80.00%");
    expect(all).toBeGreaterThan(3); // the department's findings and the three projects'
  });

  it("keeps one subject as it was: no overview, no subject filter", async () => {
    renderPane(new FakeHost(gaozhuangSnapshot()));
    await scoreIt();
    expect(await screen.findByTestId("total-score")).toHaveTextContent("85.54");
    expect(screen.queryByTestId("overview")).toBeNull();
    expect(screen.queryByLabelText(t("zh-CN", "findings.subjectFilter"))).toBeNull();
  });
});

describe("workbook actions", () => {
  it("disables 撤销上次写入 and 清除标记 until something was written, and shows notices beside the buttons", async () => {
    renderPane(new FakeHost(gaozhuangSnapshot()));
    const undo = await screen.findByRole("button", { name: t("zh-CN", "actions.undo") });
    const clear = screen.getByRole("button", { name: t("zh-CN", "actions.clear") });
    await waitFor(() =>
      expect(screen.getByRole("button", { name: t("zh-CN", "score.button") })).toBeEnabled(),
    );
    expect(undo).toBeDisabled();
    expect(clear).toBeDisabled();
    await scoreIt();
    await screen.findByTestId("total-score");
    await waitFor(() => expect(undo).toBeEnabled());
    expect(clear).toBeEnabled();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: t("zh-CN", "actions.summary") }));
    });
    const actions = screen.getByRole("region", { name: t("zh-CN", "actions.title") });
    expect(await within(actions).findByText(/已插入问题汇总表“.+”。/)).toBeInTheDocument();
    await act(async () => {
      fireEvent.click(clear);
    });
    await waitFor(() => expect(clear).toBeDisabled());
    expect(undo).toBeEnabled();
  });

  it("shows what could not be checked, with the reason", async () => {
    renderPane(new FakeHost(projectsWorkbook([PROJECT_FORMS[1]])));
    await scoreIt();
    const list = await screen.findByTestId("not-checked");
    // 桥梁维修: 年度资金总额 0 / 0 → 执行率 not computable
    expect(list).toHaveTextContent("预算执行率");
  });
});
