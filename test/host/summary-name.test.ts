/**
 * One naming rule for the summary sheet (host/cells summarySheetTarget), whichever adapter inserts it:
 * Office.js (over the in-memory Excel), WPS (over the ET fake) and .xlsx (ExcelJS) answer the same names
 * for the same workbooks — 问题汇总 when free, 问题汇总 (2), (3) … beside a user's sheets, the add-in's
 * own sheet again on a second insert, and the preferred name again once the user deleted ours.
 */
import ExcelJS from "exceljs";
import type { SummarySheet } from "../../src/engine/types";
import { freeSheetName, summarySheetTarget } from "../../src/host/cells";
import { MemoryWorkbook, createExcelApi, isSetSupportedBy } from "../../src/host/memory";
import { createOfficeHost } from "../../src/host/office/host";
import type { WorkbookHost } from "../../src/host/port";
import { createWpsHost } from "../../src/host/wps/host";
import { openWorkbook, type OpenedWorkbook } from "../../src/host/xlsx/open";
import { PatchHost } from "../../src/host/xlsx/patch-host";
import { FakeApplication, FakeWorkbook } from "./wps-fake";

const NOW = () => "2026-11-27T08:00:00.000Z";

function summary(name = "问题汇总"): SummarySheet {
  return {
    name,
    rows: [[{ value: "部门整体绩效评价问题汇总", style: "title" }]],
    merges: [],
    columnWidths: [30],
    chart: null,
    print: { paper: "A4", orientation: "portrait", fitToWidth: true },
  };
}

/** A workbook with the given user sheets (each holding a note in A1), behind one adapter. */
interface Adapter {
  name: string;
  make(sheets: string[]): {
    host: WorkbookHost;
    names(): string[];
    note(sheet: string): unknown;
    remove(sheet: string): void;
  };
}

const ADAPTERS: Adapter[] = [
  {
    name: "Office.js",
    make(sheets) {
      const wb = new MemoryWorkbook();
      for (const s of sheets) wb.setCell(s, "A1", `用户的${s}`);
      const host = createOfficeHost(createExcelApi(wb), {
        isSetSupported: (set, version) => isSetSupportedBy(wb, set, version),
        now: NOW,
      });
      return {
        host,
        names: () => wb.sheetNames().filter((n) => !n.startsWith("_")),
        note: (s) => wb.cell(s, "A1").value,
        remove: (s) => wb.sheets.splice(wb.sheets.indexOf(wb.sheet(s)), 1),
      };
    },
  },
  {
    name: "WPS",
    make(sheets) {
      const fake = new FakeWorkbook();
      for (const s of sheets) fake.addSheet(s).set("A1", `用户的${s}`);
      return {
        host: createWpsHost(new FakeApplication(fake), { now: NOW }),
        names: () => fake.sheets.map((s) => s.name).filter((n) => !n.startsWith("_")),
        note: (s) => fake.sheet(s).cell("A1").value,
        remove: (s) => fake.sheets.splice(fake.sheets.indexOf(fake.sheet(s)), 1),
      };
    },
  },
  {
    name: ".xlsx (the command line's copy)",
    make(sheets) {
      // The file between calls: each call opens it, patches it and saves the copy (as `perf-eval
      // score --out` on its own output would); sheets the user deletes go before the next call.
      let bytes: Promise<Uint8Array> = (async () => {
        const wb = new ExcelJS.Workbook();
        for (const s of sheets) wb.addWorksheet(s).getCell("A1").value = `用户的${s}`;
        return new Uint8Array(await wb.xlsx.writeBuffer());
      })();
      let opened: OpenedWorkbook | null = null;
      const removed: string[] = [];
      const withHost = async <T>(call: (host: PatchHost) => Promise<T>): Promise<T> => {
        let data = await bytes;
        if (removed.length) {
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(Buffer.from(data) as never);
          for (const name of removed.splice(0)) wb.removeWorksheet(wb.getWorksheet(name)!.id);
          data = new Uint8Array(await wb.xlsx.writeBuffer());
        }
        const host = new PatchHost(await openWorkbook("book.xlsx", data), NOW);
        const result = await call(host);
        const copy = await host.package();
        bytes = Promise.resolve(copy);
        opened = await openWorkbook("book.xlsx", copy);
        return result;
      };
      const host = {
        readSnapshot: () => withHost((h) => h.readSnapshot()),
        applyPlan: (plan) => withHost((h) => h.applyPlan(plan)),
        insertSummary: (sheet) => withHost((h) => h.insertSummary(sheet)),
        select: (sheet, address) => withHost((h) => h.select(sheet, address)),
        clearMarks: () => withHost((h) => h.clearMarks()),
        undoLastRun: () => withHost((h) => h.undoLastRun()),
        loadSettings: () => withHost((h) => h.loadSettings()),
        saveSettings: (config) => withHost((h) => h.saveSettings(config)),
      } satisfies WorkbookHost;
      const current = () => opened as OpenedWorkbook;
      return {
        host,
        names: () =>
          current()
            .book.sheets.map((s) => s.name)
            .filter((n) => !n.startsWith("_")),
        note: (s) => current().snapshot.sheets.find((x) => x.name === s)?.values[0]?.[0],
        remove: (s) => void removed.push(s),
      };
    },
  },
];

describe.each(ADAPTERS)("the summary sheet's name through the $name adapter", (adapter) => {
  it("is 问题汇总 in a workbook without one, and the same sheet again on a second insert", async () => {
    const wb = adapter.make(["预算执行"]);
    expect((await wb.host.insertSummary(summary())).sheet).toBe("问题汇总");
    expect((await wb.host.insertSummary(summary())).sheet).toBe("问题汇总");
    expect(wb.names()).toEqual(["预算执行", "问题汇总"]);
  });

  it("is 问题汇总 (3) beside a user's 问题汇总 and 问题汇总 (2) (case-insensitive), both left alone", async () => {
    const wb = adapter.make(["问题汇总", "问题汇总 (2)"]);
    expect((await wb.host.insertSummary(summary())).sheet).toBe("问题汇总 (3)");
    expect((await wb.host.insertSummary(summary())).sheet).toBe("问题汇总 (3)");
    expect(wb.note("问题汇总")).toBe("用户的问题汇总");
    expect(wb.note("问题汇总 (2)")).toBe("用户的问题汇总 (2)");
    const upper = adapter.make(["SUMMARY"]);
    expect((await upper.host.insertSummary(summary("Summary"))).sheet).toBe("Summary (2)");
  });

  it("goes back to the preferred name once the user deleted the add-in's own sheet", async () => {
    const wb = adapter.make(["问题汇总"]);
    expect((await wb.host.insertSummary(summary())).sheet).toBe("问题汇总 (2)");
    wb.remove("问题汇总");
    wb.remove("问题汇总 (2)");
    expect((await wb.host.insertSummary(summary())).sheet).toBe("问题汇总");
  });

  it("makes an invalid preferred name valid the same way", async () => {
    const wb = adapter.make(["预算执行"]);
    const wanted = "绩效:评价/问题[汇总]";
    expect((await wb.host.insertSummary(summary(wanted))).sheet).toBe(freeSheetName(wanted, []));
    expect(freeSheetName(wanted, [])).toBe("绩效_评价_问题_汇总_");
  });
});

describe("summarySheetTarget, the rule the adapters share", () => {
  it("reuses the ledger's sheet only while it exists", () => {
    const ledger = { version: 1 as const, runAt: "x", entries: [], marks: [], summarySheet: "问题汇总 (2)" };
    expect(summarySheetTarget("问题汇总", ["问题汇总", "问题汇总 (2)"], ledger)).toEqual({
      name: "问题汇总 (2)",
      reuse: true,
    });
    expect(summarySheetTarget("问题汇总", ["问题汇总"], ledger)).toEqual({
      name: "问题汇总 (2)",
      reuse: false,
    });
    expect(summarySheetTarget("问题汇总", [], ledger)).toEqual({ name: "问题汇总", reuse: false });
  });
});
