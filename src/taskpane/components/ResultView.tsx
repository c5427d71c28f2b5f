/** The result of 评分 for one subject: the total (large), the grade badge (优 green, 良 blue, 中 amber,
 *  差 red) and one bar per 一级指标 with its 得分率. The counts by severity are the findings filter's. */
import * as React from "react";
import { Badge, Field, ProgressBar, Text, makeStyles, tokens } from "@fluentui/react-components";
import { formatRate, formatScore, formatWeight } from "../../engine/format";
import type { EvalConfig, ScoreResult, Severity } from "../../engine/types";
import { useLang } from "../context";

type BadgeColor = "success" | "brand" | "warning" | "danger";

/** Colour by the grade's position among the configured bands: top green, second blue, bottom red. */
export function gradeColor(grade: string, bands: EvalConfig["grades"]): BadgeColor {
  const i = bands.findIndex((b) => b.label === grade);
  if (i < 0) return "brand";
  if (i === 0) return "success";
  if (i === bands.length - 1) return "danger";
  return i === 1 ? "brand" : "warning";
}

export const SEVERITIES: Severity[] = ["error", "warning", "info"];
export const SEVERITY_COLORS: Record<Severity, "danger" | "warning" | "informative"> = {
  error: "danger",
  warning: "warning",
  info: "informative",
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  headline: { display: "flex", alignItems: "center", flexWrap: "wrap", gap: tokens.spacingHorizontalL },
  total: { display: "flex", flexDirection: "column" },
  totalNumber: {
    fontSize: "44px",
    lineHeight: "52px",
    fontWeight: tokens.fontWeightBold,
    color: tokens.colorNeutralForeground1,
  },
  grade: { fontSize: "28px", padding: "22px 14px", fontWeight: tokens.fontWeightBold },
  levels: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
});

export function ResultView(props: {
  /** The subject's scores, its main indicator table first. */
  scores: ScoreResult[];
  config: EvalConfig;
  /** Heading (default 评分结果); the subject's name when several are shown. */
  title?: string;
}): React.JSX.Element {
  const styles = useStyles();
  const { t } = useLang();
  const main = props.scores[0];
  return (
    <section className={styles.root} aria-labelledby="result-title">
      <Text as="h2" id="result-title" size={400} weight="semibold">
        {props.title ?? t("result.title")}
      </Text>
      {main ? (
        <>
          <div className={styles.headline}>
            <div className={styles.total}>
              <Text size={200}>{t("result.total")}</Text>
              <span className={styles.totalNumber} data-testid="total-score">
                {formatScore(main.total.score)}
              </span>
              <Text size={200}>{t("result.max", { max: formatWeight(main.total.max) })}</Text>
            </div>
            <Badge
              className={styles.grade}
              appearance="filled"
              shape="rounded"
              color={gradeColor(main.total.grade, props.config.grades)}
              aria-label={t("result.gradeLabel", { grade: main.total.grade })}
              data-testid="grade"
            >
              {main.total.grade}
            </Badge>
          </div>
          <Text as="h3" size={300} weight="semibold">
            {t("result.levels")}
          </Text>
          <ul className={styles.levels}>
            {main.levels.map((level) => (
              <li key={level.name}>
                <Field
                  label={t("result.levelLabel", {
                    name: level.name,
                    score: formatScore(level.score),
                    weight: formatWeight(level.weight),
                  })}
                  hint={t("result.levelRate", { rate: formatRate(level.rate) })}
                >
                  <ProgressBar
                    value={Math.max(0, Math.min(1, level.rate ?? 0))}
                    max={1}
                    thickness="large"
                    color={
                      level.rate !== null && level.rate < props.config.thresholds.lowScoreRate
                        ? "error"
                        : "brand"
                    }
                  />
                </Field>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Text block>{t("result.noScores")}</Text>
      )}
    </section>
  );
}
