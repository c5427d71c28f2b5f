/** The task pane proper (inside Excel): tabs 评分 (what it found, score, result, findings, actions) and
 *  设置 (settings). With several subjects the result is the overview (SubjectsView); with one, its
 *  result and findings as they always were. Talks to the workbook only through PaneServices. */
import * as React from "react";
import { Switch, Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import type { Lang } from "../engine/types";
import { ActionsBar, NoticeBar } from "./components/ActionsBar";
import { DetectedTables } from "./components/DetectedTables";
import { FindingsList } from "./components/FindingsList";
import { ResultView } from "./components/ResultView";
import { ErrorBar, ScoreSection } from "./components/ScoreSection";
import { NotCheckedList } from "./components/NotCheckedList";
import { ReviewCompare, ReviewFindings } from "./components/ReviewView";
import { SettingsForm } from "./components/SettingsForm";
import { SubjectsView } from "./components/SubjectsView";
import { useLang } from "./context";
import { usePane } from "./hooks/usePane";
import type { PaneServices } from "./services";

const useStyles = makeStyles({
  body: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    paddingTop: tokens.spacingVerticalM,
  },
  tabs: { marginTop: tokens.spacingVerticalXS },
});

export function Pane(props: {
  services: PaneServices;
  lang: Lang;
  onWorkbookChanged?: () => void;
}): React.JSX.Element {
  const styles = useStyles();
  const { t } = useLang();
  const model = usePane(props.services, props.lang, props.onWorkbookChanged);
  const [tab, setTab] = React.useState<"score" | "settings">("score");
  const scoring = model.busy === "score";
  // 复核: the review findings by P-level beside the result (saved nowhere: a way of looking)
  const [reviewOn, setReviewOn] = React.useState(false);
  const select = (sheet: string, cell: string) => void model.select(sheet, cell);

  return (
    <>
      <TabList
        className={styles.tabs}
        selectedValue={tab}
        onTabSelect={(_, data) => setTab(data.value as "score" | "settings")}
        size="small"
      >
        <Tab value="score">{t("tab.score")}</Tab>
        <Tab value="settings">{t("tab.settings")}</Tab>
      </TabList>
      {tab === "score" ? (
        <div className={styles.body}>
          <DetectedTables
            detection={model.evaluation?.detection ?? null}
            loading={model.busy === "inspect"}
            onRefresh={() => void model.inspect()}
            disabled={model.busy !== null}
          />
          <ScoreSection
            stage={model.stage}
            busy={scoring}
            disabled={model.busy !== null}
            scored={model.scored}
            error={model.error}
            onScore={() => void model.score()}
            onDismissError={model.dismissError}
          />
          {model.scored && (
            <Switch
              checked={reviewOn}
              onChange={(_, data) => setReviewOn(data.checked)}
              label={t("review.switch")}
              aria-description={t("review.switchHint")}
              data-testid="review-switch"
            />
          )}
          {model.scored && model.scored.evaluation.subjects.length > 1 ? (
            <SubjectsView
              evaluation={model.scored.evaluation}
              config={model.config}
              onSelect={select}
              review={reviewOn}
            />
          ) : model.scored ? (
            <>
              <ResultView scores={model.scored.evaluation.scores} config={model.config} />
              <ReviewCompare
                review={model.scored.evaluation.subjects[0]?.review}
                scores={model.scored.evaluation.scores}
                config={model.config}
                onSelect={select}
              />
              {reviewOn && (
                <ReviewFindings review={model.scored.evaluation.subjects[0]?.review} onSelect={select} />
              )}
              <NotCheckedList items={model.scored.evaluation.notChecked} />
              <FindingsList
                findings={model.scored.evaluation.findings}
                onSelect={(sheet, cell) => void model.select(sheet, cell)}
              />
            </>
          ) : (
            !scoring && <p>{t("score.notYet")}</p>
          )}
          <ActionsBar
            canSummarise={model.scored !== null}
            busy={model.busy}
            canReport={model.scored !== null}
            canClear={model.lastRun.marks > 0}
            canUndo={model.lastRun.cells > 0 || model.lastRun.marks > 0}
            notice={
              model.notice?.place === "actions" ? (
                <NoticeBar text={t(model.notice.key, model.notice.params)} intent={model.notice.intent} />
              ) : null
            }
            onSummary={() => void model.insertSummary()}
            onReport={() => void model.report()}
            onClear={() => void model.clearMarks()}
            onUndo={() => void model.undo()}
          />
        </div>
      ) : (
        <div className={styles.body}>
          {model.error ? <ErrorBar error={model.error} onDismiss={model.dismissError} /> : null}
          <SettingsForm
            config={model.config}
            loadErrors={model.loadErrors}
            busy={model.busy !== null}
            onSave={model.saveSettings}
            onReset={model.resetSettings}
            notice={
              model.notice?.place === "settings" ? (
                <NoticeBar text={t(model.notice.key, model.notice.params)} intent={model.notice.intent} />
              ) : null
            }
          />
        </div>
      )}
    </>
  );
}
