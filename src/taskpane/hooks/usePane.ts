/**
 * The pane's state and actions: load settings and inspect the workbook on mount, score with stage
 * progress, insert the summary, clear marks, undo, select a finding's cell, save/reset settings.
 * Errors are kept (not thrown) so the pane shows them in a MessageBar. Notices are stored as
 * dictionary keys so they follow a language switch.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { DEFAULT_CONFIG, type ConfigError } from "../../engine/config";
import type { EvalConfig, Evaluation, Lang } from "../../engine/types";
import type { MessageKey } from "../../i18n";
import { downloadFile } from "../download";
import type { LastRun } from "../../usecases";
import type { PaneServices, ScoreOutcome, Stage } from "../services";

export type BusyAction = "inspect" | "score" | "summary" | "report" | "clear" | "undo" | "settings";

interface Notice {
  key: MessageKey;
  /** Where it is shown: beside the workbook actions, or beside the settings' buttons. */
  place: "actions" | "settings";
  params?: Record<string, string | number>;
  /** "warning" when the action could not be done here (the report on Office for Mac). */
  intent?: "success" | "warning";
}

interface PaneModel {
  config: EvalConfig;
  /** Errors in the settings saved in the workbook (the defaults are used instead). */
  loadErrors: ConfigError[];
  /** Detection (and a preview evaluation) from the last inspect or score. */
  evaluation: Evaluation | null;
  /** The last 评分 run, when there was one since the pane opened (cleared by undo). */
  scored: ScoreOutcome | null;
  /** What the last run left in the workbook (nothing: 撤销上次写入 and 清除标记 are disabled). */
  lastRun: LastRun;
  stage: Stage | null;
  busy: BusyAction | null;
  error: unknown;
  notice: Notice | null;
  inspect(): Promise<void>;
  score(): Promise<void>;
  insertSummary(): Promise<void>;
  /** 生成评价报告: build the .docx and offer it as a download (or say where to get it). */
  report(): Promise<void>;
  clearMarks(): Promise<void>;
  undo(): Promise<void>;
  select(sheet: string, cell: string): Promise<void>;
  /** Save settings; returns the errors (empty when saved). */
  saveSettings(partial: Partial<EvalConfig>): Promise<ConfigError[]>;
  resetSettings(): Promise<ConfigError[]>;
  dismissError(): void;
}

export function usePane(
  services: PaneServices,
  lang: Lang,
  onWorkbookChanged?: () => void,
  offerDownload: (bytes: Uint8Array, fileName: string) => void = downloadFile,
): PaneModel {
  const [config, setConfig] = useState<EvalConfig>(DEFAULT_CONFIG);
  const [loadErrors, setLoadErrors] = useState<ConfigError[]>([]);
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const [scored, setScored] = useState<ScoreOutcome | null>(null);
  const [stage, setStage] = useState<Stage | null>(null);
  const [lastRun, setLastRun] = useState<LastRun>({ runAt: null, cells: 0, marks: 0 });
  const [busy, setBusy] = useState<BusyAction | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  // The latest values for callbacks that outlive a render.
  const configRef = useRef(config);
  configRef.current = config;
  const langRef = useRef(lang);
  langRef.current = lang;
  const changedRef = useRef(onWorkbookChanged);
  changedRef.current = onWorkbookChanged;
  const busyRef = useRef<BusyAction | null>(null);

  const withConfig = (): EvalConfig => ({ ...configRef.current, lang: langRef.current });

  /** Run one action at a time; errors land in state. */
  const run = useCallback(async (action: BusyAction, body: () => Promise<void>): Promise<void> => {
    if (busyRef.current) return;
    busyRef.current = action;
    setBusy(action);
    setError(null);
    setNotice(null);
    try {
      await body();
    } catch (e) {
      setError(e ?? new Error("unknown error"));
    } finally {
      busyRef.current = null;
      setBusy(null);
    }
  }, []);

  const inspect = useCallback(
    () =>
      run("inspect", async () => {
        const found = await services.inspect(withConfig());
        setEvaluation(found.evaluation);
        setLastRun(found.lastRun);
      }),
    [services, run],
  );

  useEffect(() => {
    let cancelled = false;
    void run("inspect", async () => {
      const loaded = await services.loadSettings();
      if (cancelled) return;
      setConfig(loaded.config);
      configRef.current = loaded.config;
      setLoadErrors(loaded.errors);
      const found = await services.inspect({ ...loaded.config, lang: langRef.current });
      if (!cancelled) {
        setEvaluation(found.evaluation);
        setLastRun(found.lastRun);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [services, run]);

  const score = useCallback(
    () =>
      run("score", async () => {
        setStage("reading");
        try {
          const outcome = await services.score(withConfig(), setStage);
          setEvaluation(outcome.evaluation);
          setScored(outcome);
          setLastRun(outcome.lastRun);
          setStage("done");
        } catch (e) {
          setStage(null);
          throw e;
        } finally {
          changedRef.current?.();
        }
      }),
    [services, run],
  );

  const insertSummary = useCallback(
    () =>
      run("summary", async () => {
        if (!scored) {
          setNotice({ key: "actions.needScore", place: "actions" });
          return;
        }
        const { sheet } = await services.insertSummary(scored.evaluation);
        setNotice({ key: "actions.summaryDone", params: { sheet }, place: "actions" });
        changedRef.current?.();
      }),
    [services, run, scored],
  );

  const offerRef = useRef(offerDownload);
  offerRef.current = offerDownload;
  const report = useCallback(
    () =>
      run("report", async () => {
        const source = scored?.evaluation ?? evaluation;
        if (!source) {
          setNotice({ key: "actions.needScore", place: "actions" });
          return;
        }
        const file = await services.buildReport(source, langRef.current);
        if (file.kind === "blocked") {
          setNotice({ key: "actions.reportBlocked", intent: "warning", place: "actions" });
          return;
        }
        offerRef.current(file.bytes, file.fileName);
        setNotice({
          key: "actions.reportDone",
          params: { file: file.fileName, count: file.placeholders },
          place: "actions",
        });
      }),
    [services, run, scored, evaluation],
  );

  const clearMarks = useCallback(
    () =>
      run("clear", async () => {
        const count = await services.clearMarks();
        setLastRun((prev) => ({ ...prev, marks: 0 }));
        setNotice({ key: "actions.clearDone", params: { count }, place: "actions" });
        changedRef.current?.();
      }),
    [services, run],
  );

  const undo = useCallback(
    () =>
      run("undo", async () => {
        const count = await services.undoLastRun();
        setScored(null);
        setStage(null);
        setLastRun({ runAt: null, cells: 0, marks: 0 });
        setNotice({ key: "actions.undoDone", params: { count }, place: "actions" });
        changedRef.current?.();
        const found = await services.inspect(withConfig());
        setEvaluation(found.evaluation);
        setLastRun(found.lastRun);
      }),
    [services, run],
  );

  const select = useCallback(
    async (sheet: string, cell: string) => {
      try {
        await services.selectCell(sheet, cell);
        changedRef.current?.();
      } catch (e) {
        setError(e);
      }
    },
    [services],
  );

  const saveSettings = useCallback(
    async (partial: Partial<EvalConfig>): Promise<ConfigError[]> => {
      let errors: ConfigError[] = [];
      await run("settings", async () => {
        errors = await services.saveSettings(partial);
        if (errors.length === 0) {
          const saved = await services.loadSettings();
          setConfig(saved.config);
          setLoadErrors(saved.errors);
          setNotice({ key: "settings.saved", place: "settings" });
        }
      });
      return errors;
    },
    [services, run],
  );

  const resetSettings = useCallback(async (): Promise<ConfigError[]> => {
    let errors: ConfigError[] = [];
    await run("settings", async () => {
      errors = await services.saveSettings({});
      if (errors.length === 0) {
        setConfig(DEFAULT_CONFIG);
        setLoadErrors([]);
        setNotice({ key: "settings.resetDone", place: "settings" });
      }
    });
    return errors;
  }, [services, run]);

  const dismissError = useCallback(() => setError(null), []);

  return {
    config,
    loadErrors,
    evaluation,
    scored,
    lastRun,
    stage,
    busy,
    error,
    notice,
    inspect,
    score,
    insertSummary,
    report,
    clearMarks,
    undo,
    select,
    saveSettings,
    resetSettings,
    dismissError,
  };
}
