/**
 * The Office.js adapter: a WorkbookHost over `Excel.run`. This folder is the only code that calls Excel;
 * the task pane passes the global `Excel` and `Office.context.requirements.isSetSupported`, tests pass the
 * in-memory Excel. Newer API members are feature-detected (1.9 screen updating / getRanges / page layout /
 * special cells, 1.13 merged areas) with working fallbacks down to ExcelApi 1.7 (docs/requirements.md).
 */
import type { EvalConfig, WorkbookSnapshot, WritePlan } from "../../engine/types";
import { parseSettings } from "../cells";
import { SETTINGS_KEY } from "../ledger";
import type { ApplyResult, ReadProgress, WorkbookHost } from "../port";
import { applyPlanWith, type ExcelRun, type Features } from "./apply";
import { fromExcelError } from "./errors";
import { readWorkbook } from "./read";
import { undoWith, clearMarksWith } from "./restore";
import { insertSummaryWith } from "./summary";

interface OfficeHostOptions {
  /** Office.context.requirements.isSetSupported; without it only ExcelApi 1.7 is assumed. */
  isSetSupported?: (set: string, version: string) => boolean;
  /** Clock for the ledger's run time (tests). */
  now?: () => string;
  /** Office.context.platform ("PC", "Mac", "iOS", "OfficeOnline" …): Mac and iOS block downloads. */
  platform?: string | null;
}

/** Platforms whose task pane cannot start a download (the WebView drops it). */
const NO_DOWNLOADS = new Set(["Mac", "iOS"]);

interface OfficeHost extends WorkbookHost {
  /** The detected features (for the pane's diagnostics and tests). */
  readonly features: Features;
}

function detectFeatures(isSetSupported?: (set: string, version: string) => boolean): Features {
  const is = (v: string) => {
    try {
      return isSetSupported?.("ExcelApi", v) === true;
    } catch {
      return false;
    }
  };
  // suspendApiCalculationUntilNextSync is ExcelApi 1.6, below the manifest's 1.7 minimum: always there.
  return { calc: true, v19: is("1.9"), merges: is("1.13") };
}

export function createOfficeHost(
  excel: { run: typeof Excel.run },
  options: OfficeHostOptions = {},
): OfficeHost {
  const features = detectFeatures(options.isSetSupported);
  const run: ExcelRun = (batch) => excel.run(batch);
  let lastRead: WorkbookSnapshot | null = null;
  let lastLedgerBytes = 0;

  return {
    features,

    downloadsAllowed(): boolean {
      return !NO_DOWNLOADS.has(options.platform ?? "");
    },

    async readSnapshot(onProgress?: ReadProgress): Promise<WorkbookSnapshot> {
      try {
        const { snapshot, ledgerBytes } = await run((context) =>
          readWorkbook(context, {
            supportsMerges: features.merges,
            supportsSpecialCells: features.v19,
            knownSheets: lastRead?.sheets.map((x) => ({ name: x.name, protected: x.protected === true })),
            onProgress,
          }),
        );
        lastRead = snapshot;
        lastLedgerBytes = ledgerBytes;
        return snapshot;
      } catch (error) {
        throw fromExcelError(error, { "zh-CN": "读取工作簿", "en-US": "Reading the workbook" });
      }
    },

    applyPlan(plan: WritePlan): Promise<ApplyResult> {
      return applyPlanWith(run, plan, { features, lastRead, ledgerBytes: lastLedgerBytes, now: options.now });
    },

    insertSummary(summary) {
      return insertSummaryWith(run, summary, features);
    },

    async select(sheet: string, address: string): Promise<void> {
      const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
      try {
        await run(async (context) => {
          const ws = context.workbook.worksheets.getItem(sheet);
          ws.activate();
          ws.getRange(bare).select();
          await context.sync();
        });
      } catch (error) {
        throw fromExcelError(error, {
          "zh-CN": `选中“${sheet}”!${bare}`,
          "en-US": `Selecting '${sheet}'!${bare}`,
        });
      }
    },

    clearMarks(): Promise<number> {
      return clearMarksWith(run, features);
    },

    undoLastRun(): Promise<number> {
      return undoWith(run, features);
    },

    async loadSettings(): Promise<Partial<EvalConfig> | null> {
      try {
        return await run(async (context) => {
          const setting = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
          setting.load("value");
          await context.sync();
          if (setting.isNullObject) return null;
          return parseSettings<EvalConfig>(setting.value);
        });
      } catch (error) {
        throw fromExcelError(error, { "zh-CN": "读取设置", "en-US": "Reading the settings" });
      }
    },

    async saveSettings(config: Partial<EvalConfig>): Promise<void> {
      try {
        await run(async (context) => {
          context.workbook.settings.add(SETTINGS_KEY, JSON.stringify(config));
          await context.sync();
        });
      } catch (error) {
        throw fromExcelError(error, { "zh-CN": "保存设置", "en-US": "Saving the settings" });
      }
    },
  };
}
