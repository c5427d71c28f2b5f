/** 评分 / Score workbook: the primary button, progress through the stages (reading, scoring, writing),
 *  what was written, and the error MessageBar when something went wrong. */
import * as React from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";
import type { MessageKey } from "../../i18n";
import { describeError } from "../errors";
import { useLang } from "../context";
import type { ScoreOutcome, Stage } from "../services";

const STAGES: Record<Stage, { key: MessageKey; step: number }> = {
  reading: { key: "stage.reading", step: 1 },
  scoring: { key: "stage.scoring", step: 2 },
  writing: { key: "stage.writing", step: 3 },
  done: { key: "stage.done", step: 3 },
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  button: { width: "100%" },
});

export function ScoreSection(props: {
  stage: Stage | null;
  busy: boolean;
  disabled: boolean;
  scored: ScoreOutcome | null;
  error: unknown;
  onScore: () => void;
  onDismissError: () => void;
}): React.JSX.Element {
  const styles = useStyles();
  const { t } = useLang();
  const stage = props.stage ? STAGES[props.stage] : null;
  const skipped = props.scored?.plan.skipped.length ?? 0;
  return (
    <section className={styles.root} aria-label={t("score.button")}>
      <Button
        appearance="primary"
        size="large"
        className={styles.button}
        onClick={props.onScore}
        disabled={props.disabled}
      >
        {props.busy ? t("score.busy") : t("score.button")}
      </Button>
      {stage && (props.busy || props.stage === "done") && (
        <Field label={t("score.progress")} validationMessage={t(stage.key)} validationState="none">
          <ProgressBar
            value={props.stage === "done" ? 1 : (stage.step - 1) / 3 + 1 / 6}
            max={1}
            thickness="large"
          />
        </Field>
      )}
      <div aria-live="polite">
        {props.scored && !props.busy && (
          <Text block size={200}>
            {t("score.written", {
              written: props.scored.applied.written,
              marked: props.scored.applied.marked,
            })}
            {skipped > 0 ? ` ${t("score.skipped", { count: skipped })}` : ""}
            {props.scored.plan.marksOmitted
              ? ` ${t("score.marksOmitted", { count: props.scored.plan.marksOmitted })}`
              : ""}
          </Text>
        )}
      </div>
      {props.error ? <ErrorBar error={props.error} onDismiss={props.onDismissError} /> : null}
    </section>
  );
}

/** What went wrong and what to do (a HostError's message and the hint for its code). */
export function ErrorBar(props: { error: unknown; onDismiss: () => void }): React.JSX.Element {
  const { t, lang } = useLang();
  const shown = describeError(props.error, lang);
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{t("error.title")}</MessageBarTitle>
        <div>{shown.message}</div>
        <div>{shown.hint}</div>
      </MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button
            appearance="transparent"
            aria-label={t("error.dismiss")}
            icon={<DismissRegular />}
            onClick={props.onDismiss}
          />
        }
      />
    </MessageBar>
  );
}
