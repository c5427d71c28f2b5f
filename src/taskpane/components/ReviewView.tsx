/**
 * 复核 of one subject in the pane: 自评 beside 复核 (both totals, 偏离度, the rows the review changed with
 * both scores, those beyond the profile's threshold marked) whenever the indicator table has both score
 * columns, and — with the 复核 switch on — every review finding grouped by P0 / P1 / P2. Clicking a row
 * or a finding selects its cell. Wraps at 320 px: no fixed widths, long names break.
 */
import * as React from "react";
import { Badge, Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { formatRate, formatScore } from "../../engine/format";
import { renderMessage, renderTitle } from "../../engine/rules/catalogue";
import type { EvalConfig, Finding, ReviewLevel, ScoreResult, SubjectReview } from "../../engine/types";
import { a1 } from "../../engine/address";
import { useLang } from "../context";

export const LEVELS: ReviewLevel[] = ["P0", "P1", "P2"];
export const LEVEL_COLORS: Record<ReviewLevel, "danger" | "warning" | "informative"> = {
  P0: "danger",
  P1: "warning",
  P2: "informative",
};

/** The subject's review findings per level (a finding without a level is a note, P2), as the list shows them. */
export function reviewLevelCounts(review: SubjectReview | undefined): Record<ReviewLevel, number> {
  const counts: Record<ReviewLevel, number> = { P0: 0, P1: 0, P2: 0 };
  for (const f of review?.findings ?? []) counts[f.level ?? "P2"] += 1;
  return counts;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  facts: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  fact: { fontVariantNumeric: "tabular-nums", fontWeight: tokens.fontWeightSemibold },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  item: {
    width: "100%",
    minWidth: 0,
    height: "auto",
    justifyContent: "flex-start",
    textAlign: "start",
    whiteSpace: "normal",
    overflowWrap: "anywhere",
    fontWeight: tokens.fontWeightRegular,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
  itemText: { display: "flex", flexDirection: "column", gap: "2px", minWidth: 0 },
  level: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

/** 自评 vs 复核 of the subject's main table (nothing without both score columns). */
export function ReviewCompare(props: {
  review: SubjectReview | undefined;
  scores: ScoreResult[];
  config: EvalConfig;
  onSelect: (sheet: string, cell: string) => void;
}): React.JSX.Element | null {
  const styles = useStyles();
  const { t } = useLang();
  const scores = props.review?.scores ?? null;
  const main = props.scores[0];
  if (!scores || !main) return null;
  const { sheet, columns } = main.table.location;
  const limit = props.config.review.selfDeviation;
  const changed = scores.rows.filter((r) => Math.abs(r.self - r.review) > 1e-9);
  const beyond = (d: number | null) => d !== null && Math.abs(d) > limit + 1e-9;
  const flagged = changed.filter((r) => beyond(r.deviation)).length;
  return (
    <section className={styles.root} aria-labelledby="review-compare" data-testid="review-compare">
      <Text as="h3" id="review-compare" size={300} weight="semibold">
        {t("review.compare")}
      </Text>
      <div className={styles.facts}>
        <span className={styles.fact} data-testid="review-self">
          {t("review.self", { score: formatScore(scores.selfTotal) })}
        </span>
        <span className={styles.fact} data-testid="review-review">
          {t("review.review", { score: formatScore(scores.reviewTotal) })}
        </span>
        <span className={styles.fact} data-testid="review-deviation">
          {t("review.deviation", { rate: formatRate(scores.deviation) })}
        </span>
      </div>
      <Text size={200} block data-testid="review-changed">
        {changed.length === 0
          ? t("review.unchanged")
          : t("review.changed", {
              count: changed.length,
              flagged,
              limit: formatRate(limit).replace(".00%", "%"),
            })}
      </Text>
      {changed.length > 0 && (
        <ul className={styles.list}>
          {changed.map((r) => (
            <li key={r.row}>
              <Button
                className={styles.item}
                appearance="subtle"
                size="small"
                data-testid="review-row"
                onClick={() => props.onSelect(sheet, a1(r.row, columns.score ?? columns.selfScore ?? 0))}
              >
                <span className={styles.level}>
                  <span>
                    {t("review.row", {
                      indicator: r.indicator,
                      self: formatScore(r.self),
                      review: formatScore(r.review),
                      rate: formatRate(r.deviation),
                    })}
                  </span>
                  {beyond(r.deviation) && (
                    <Badge appearance="tint" color="warning" data-testid="review-flagged">
                      {t("review.flagged")}
                    </Badge>
                  )}
                </span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The subject's review findings by level (the 复核 switch). */
export function ReviewFindings(props: {
  review: SubjectReview | undefined;
  onSelect: (sheet: string, cell: string) => void;
}): React.JSX.Element {
  const styles = useStyles();
  const { t, lang } = useLang();
  const findings = props.review?.findings ?? [];
  const by = (level: ReviewLevel) => findings.filter((f) => (f.level ?? "P2") === level);
  const select = (f: Finding) => {
    const at = f.sheet && f.cell ? { sheet: f.sheet, cell: f.cell } : f.members[0];
    if (at) props.onSelect(at.sheet, at.cell);
  };
  return (
    <section className={styles.root} aria-labelledby="review-title" data-testid="review-findings">
      <Text as="h3" id="review-title" size={300} weight="semibold">
        {t("review.title")}
      </Text>
      {findings.length === 0 && <Text block>{t("review.none")}</Text>}
      {LEVELS.map((level) => {
        const list = by(level);
        if (list.length === 0) return null;
        return (
          <div key={level} className={styles.root} data-testid={`review-level-${level}`}>
            <div className={styles.level}>
              <Badge appearance="filled" color={LEVEL_COLORS[level]}>
                {t("review.level", { level, count: list.length })}
              </Badge>
              <Text size={200}>{t(`review.levelHint.${level}`)}</Text>
            </div>
            <ul className={styles.list}>
              {list.map((f, i) => (
                <li key={`${f.rule}-${i}`}>
                  <Button
                    className={styles.item}
                    appearance="subtle"
                    size="small"
                    onClick={() => select(f)}
                    data-testid="review-finding"
                  >
                    <span className={styles.itemText}>
                      <Text weight="semibold" size={200}>
                        {renderTitle(f, lang)}
                      </Text>
                      <Text size={200}>{renderMessage(f, lang)}</Text>
                    </span>
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
