/** 插入问题汇总表 / 生成评价报告 / 清除标记 / 撤销上次写入, and the notice each leaves, shown right below
 *  the buttons (not at the top of the pane, out of sight). 清除标记 is enabled only while the last run's
 *  marks are there, 撤销上次写入 only while it wrote something (the ledger, through lastRun). */
import * as React from "react";
import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import {
  ArrowUndo16Regular,
  DocumentText16Regular,
  EraserRegular,
  TableAdd16Regular,
} from "@fluentui/react-icons";
import { useLang } from "../context";
import type { BusyAction } from "../hooks/usePane";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  button: { width: "100%", justifyContent: "flex-start", whiteSpace: "normal", textAlign: "start" },
});

export function ActionsBar(props: {
  canSummarise: boolean;
  canReport: boolean;
  /** Marks of the last run still in the workbook. */
  canClear: boolean;
  /** Cells (or marks) of the last run that undo would restore. */
  canUndo: boolean;
  /** The notice of the last action, shown below the buttons. */
  notice?: React.ReactNode;
  busy: BusyAction | null;
  onSummary: () => void;
  onReport: () => void;
  onClear: () => void;
  onUndo: () => void;
}): React.JSX.Element {
  const styles = useStyles();
  const { t } = useLang();
  const disabled = props.busy !== null;
  return (
    <section className={styles.root} aria-labelledby="actions-title">
      <Text as="h2" id="actions-title" size={400} weight="semibold">
        {t("actions.title")}
      </Text>
      <div className={styles.buttons}>
        <Button
          className={styles.button}
          icon={<TableAdd16Regular />}
          onClick={props.onSummary}
          disabled={disabled || !props.canSummarise}
        >
          {t("actions.summary")}
        </Button>
        <Button
          className={styles.button}
          icon={<DocumentText16Regular />}
          onClick={props.onReport}
          disabled={disabled || !props.canReport}
        >
          {props.busy === "report" ? t("actions.reportBusy") : t("actions.report")}
        </Button>
        <Button
          className={styles.button}
          icon={<EraserRegular />}
          onClick={props.onClear}
          disabled={disabled || !props.canClear}
        >
          {t("actions.clear")}
        </Button>
        <Button
          className={styles.button}
          icon={<ArrowUndo16Regular />}
          onClick={props.onUndo}
          disabled={disabled || !props.canUndo}
        >
          {t("actions.undo")}
        </Button>
      </div>
      <div aria-live="polite">{props.notice}</div>
    </section>
  );
}

/** A success notice (after an action) in the pane's language. */
export function NoticeBar(props: { text: string; intent?: "success" | "warning" }): React.JSX.Element {
  return (
    <MessageBar intent={props.intent ?? "success"} layout="multiline">
      <MessageBarBody>{props.text}</MessageBarBody>
    </MessageBar>
  );
}
