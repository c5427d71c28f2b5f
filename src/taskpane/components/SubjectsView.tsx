/**
 * 评分 of a workbook with several subjects (projects' 自评表 and the department): first the overview —
 * one row per subject with its total, grade badge and error/warning counts — then the findings of every
 * subject, filterable by subject. A row (or the subject filter) opens that subject: its levels and its
 * own findings; 返回总览 goes back. Clicking a finding still selects its cell. With the 复核 switch on,
 * each overview row also counts the subject's review findings by level (P0 / P1 / P2, as its open view
 * lists them), and an open subject lists them.
 */
import * as React from "react";
import { Badge, Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowLeft16Regular, ChevronRight16Regular } from "@fluentui/react-icons";
import { formatScore, formatWeight } from "../../engine/format";
import type { EvalConfig, Evaluation, Severity, SubjectEvaluation } from "../../engine/types";
import type { Translate } from "../../i18n";
import { useLang } from "../context";
import { FindingsList, type SubjectOption } from "./FindingsList";
import { NotCheckedList } from "./NotCheckedList";
import { ResultView, gradeColor } from "./ResultView";
import { LEVELS, LEVEL_COLORS, ReviewCompare, ReviewFindings, reviewLevelCounts } from "./ReviewView";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  overview: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  row: {
    width: "100%",
    minWidth: 0,
    height: "auto",
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    textAlign: "start",
    whiteSpace: "normal",
    fontWeight: tokens.fontWeightRegular,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  rowText: { display: "flex", flexDirection: "column", gap: "4px", minWidth: 0, flexGrow: 1 },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  facts: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalXS },
  total: { fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: "tabular-nums" },
  where: { color: tokens.colorNeutralForeground3 },
  chevron: { flexShrink: 0 },
  back: { alignSelf: "flex-start", minWidth: 0, whiteSpace: "normal", textAlign: "start", height: "auto" },
});

/** How a subject is named in the pane: the department marked as such. */
function subjectLabel(s: SubjectEvaluation, t: Translate): string {
  return s.subject.kind === "department"
    ? t("subjects.department", { name: s.subject.name })
    : s.subject.name;
}

function counts(s: SubjectEvaluation): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of s.findings) c[f.severity] += 1;
  return c;
}

/** The department first (as the summary sheet and the report list them), then the projects in order. */
function ordered(evaluation: Evaluation): SubjectEvaluation[] {
  const dept = evaluation.subjects.filter((s) => s.subject.kind === "department");
  return [...dept, ...evaluation.subjects.filter((s) => s.subject.kind !== "department")];
}

export function SubjectsView(props: {
  evaluation: Evaluation;
  config: EvalConfig;
  onSelect: (sheet: string, cell: string) => void;
  /** The 复核 switch is on: the overview counts each subject's review findings by P-level, and an open
   *  subject lists them. */
  review?: boolean;
}): React.JSX.Element {
  const styles = useStyles();
  const { t } = useLang();
  const subjects = ordered(props.evaluation);
  const [openId, setOpenId] = React.useState<string | null>(null);
  const open = subjects.find((s) => s.subject.id === openId) ?? null;
  const headingRef = React.useRef<HTMLDivElement>(null);
  const options: SubjectOption[] = subjects.map((s) => ({ id: s.subject.id, label: subjectLabel(s, t) }));

  // A new evaluation (评分 again) starts at the overview.
  React.useEffect(() => setOpenId(null), [props.evaluation]);
  // Opening a subject (or going back) brings its heading into view and gives it focus.
  const first = React.useRef(true);
  React.useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    headingRef.current?.scrollIntoView?.({ block: "start" });
    headingRef.current?.focus({ preventScroll: true });
  }, [openId]);

  const findings = open ? open.findings : props.evaluation.findings;
  const findingsList = (
    <FindingsList
      findings={findings}
      onSelect={props.onSelect}
      subjects={options}
      subject={open?.subject.id ?? null}
      onSubject={setOpenId}
    />
  );

  if (open) {
    const c = counts(open);
    return (
      <div className={styles.root}>
        <div ref={headingRef} tabIndex={-1} className={styles.overview} data-testid="subject-view">
          <Button
            className={styles.back}
            appearance="subtle"
            size="small"
            icon={<ArrowLeft16Regular />}
            onClick={() => setOpenId(null)}
          >
            {t("subjects.back", { count: subjects.length })}
          </Button>
          <Text size={200} className={styles.where}>
            {t("subjects.where", {
              sheets: open.subject.sheets.join(t("subjects.sheetSeparator")),
              errors: c.error,
              warnings: c.warning,
            })}
          </Text>
        </div>
        <ResultView scores={open.scores} config={props.config} title={subjectLabel(open, t)} />
        <ReviewCompare
          review={open.review}
          scores={open.scores}
          config={props.config}
          onSelect={props.onSelect}
        />
        {props.review && <ReviewFindings review={open.review} onSelect={props.onSelect} />}
        <NotCheckedList items={open.notChecked} />
        {findingsList}
      </div>
    );
  }

  return (
    <div className={styles.root}>
      <section
        className={styles.overview}
        aria-labelledby="overview-title"
        ref={headingRef}
        tabIndex={-1}
        data-testid="overview"
      >
        <Text as="h2" id="overview-title" size={400} weight="semibold">
          {t("subjects.title", { count: subjects.length })}
        </Text>
        <Text size={200} block>
          {t("subjects.intro")}
        </Text>
        <ul className={styles.list}>
          {subjects.map((s) => {
            const main = s.scores[0];
            const c = counts(s);
            const label = subjectLabel(s, t);
            const total = main ? formatScore(main.total.score) : "—";
            const levels = reviewLevelCounts(s.review);
            const rowLabel = t("subjects.rowLabel", {
              name: label,
              total,
              grade: main?.total.grade ?? "—",
              errors: c.error,
              warnings: c.warning,
            });
            return (
              <li key={s.subject.id}>
                <Button
                  className={styles.row}
                  appearance="subtle"
                  data-testid="overview-row"
                  aria-label={
                    props.review
                      ? `${rowLabel}${t("subjects.reviewLabel", { p0: levels.P0, p1: levels.P1, p2: levels.P2 })}`
                      : rowLabel
                  }
                  onClick={() => setOpenId(s.subject.id)}
                >
                  <span className={styles.rowText}>
                    <span className={styles.name}>{label}</span>
                    <span className={styles.facts}>
                      <span className={styles.total} data-testid="overview-total">
                        {main ? t("subjects.total", { total, max: formatWeight(main.total.max) }) : "—"}
                      </span>
                      {main && (
                        <Badge
                          appearance="filled"
                          shape="rounded"
                          color={gradeColor(main.total.grade, props.config.grades)}
                          data-testid="overview-grade"
                        >
                          {main.total.grade}
                        </Badge>
                      )}
                      <Badge
                        appearance={c.error > 0 ? "filled" : "tint"}
                        color={c.error > 0 ? "danger" : "informative"}
                        data-testid="overview-errors"
                      >
                        {t("result.countLabel", { severity: t("severity.error"), count: c.error })}
                      </Badge>
                      {c.warning > 0 && (
                        <Badge appearance="tint" color="warning">
                          {t("result.countLabel", { severity: t("severity.warning"), count: c.warning })}
                        </Badge>
                      )}
                    </span>
                    {props.review && (
                      <span className={styles.facts} data-testid="overview-review">
                        {LEVELS.map((level) => (
                          <Badge
                            key={level}
                            appearance={levels[level] > 0 ? "filled" : "outline"}
                            color={levels[level] > 0 ? LEVEL_COLORS[level] : "informative"}
                            data-testid={`overview-review-${level}`}
                          >
                            {t("review.level", { level, count: levels[level] })}
                          </Badge>
                        ))}
                      </span>
                    )}
                    <Text size={200} className={styles.where}>
                      {t("subjects.sheet", { sheet: s.subject.sheet })}
                    </Text>
                  </span>
                  <ChevronRight16Regular className={styles.chevron} aria-hidden />
                </Button>
              </li>
            );
          })}
        </ul>
      </section>
      <NotCheckedList items={props.evaluation.notChecked} />
      {findingsList}
    </div>
  );
}
