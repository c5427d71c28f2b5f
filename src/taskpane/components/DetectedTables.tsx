/** "What it found": each recognised table (kind, sheet, header row as Excel shows it) and, for each
 *  expected table not found, one sentence on how to lay it out. */
import * as React from "react";
import { Button, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowClockwise16Regular, CheckmarkCircle16Filled, Info16Regular } from "@fluentui/react-icons";
import type { Detection, TableKind } from "../../engine/types";
import type { MessageKey } from "../../i18n";
import { useLang } from "../context";

const KIND_KEYS: Record<TableKind, MessageKey> = {
  budget: "kind.budget",
  structure: "kind.structure",
  indicators: "kind.indicators",
  targets: "kind.targets",
  checklist: "kind.checklist",
  finalAccounts: "kind.finalAccounts",
  sangong: "kind.sangong",
};

const MISSING_KEYS: Record<TableKind, MessageKey> = {
  budget: "missing.budget",
  structure: "missing.structure",
  indicators: "missing.indicators",
  targets: "missing.targets",
  checklist: "missing.checklist",
  finalAccounts: "missing.finalAccounts",
  sangong: "missing.sangong",
};

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  item: { display: "flex", gap: tokens.spacingHorizontalXS, alignItems: "flex-start" },
  ok: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0, marginTop: "2px" },
  missing: { color: tokens.colorNeutralForeground3, flexShrink: 0, marginTop: "2px" },
  heading: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  sub: { marginTop: tokens.spacingVerticalS },
});

export function DetectedTables(props: {
  detection: Detection | null;
  loading: boolean;
  onRefresh: () => void;
  disabled: boolean;
}): React.JSX.Element {
  const styles = useStyles();
  const { t } = useLang();
  const { detection } = props;
  return (
    <section aria-labelledby="found-title">
      <div className={styles.heading}>
        <Text as="h2" id="found-title" size={400} weight="semibold">
          {t("found.title")}
        </Text>
        <Button
          size="small"
          appearance="subtle"
          icon={<ArrowClockwise16Regular />}
          onClick={props.onRefresh}
          disabled={props.disabled}
        >
          {t("found.refresh")}
        </Button>
      </div>
      {props.loading && !detection && <Spinner size="tiny" label={t("found.loading")} />}
      {detection && (
        <>
          {detection.tables.length === 0 ? (
            <Text block>{t("found.none")}</Text>
          ) : (
            <ul className={styles.list} aria-label={t("found.title")}>
              {detection.tables.map((table, i) => (
                <li key={`${table.kind}-${table.sheet}-${table.headerRow}-${i}`} className={styles.item}>
                  <CheckmarkCircle16Filled className={styles.ok} aria-hidden />
                  <Text>
                    {t("found.table", {
                      kind: t(KIND_KEYS[table.kind]),
                      sheet: table.sheet,
                      row: table.headerRow + 1,
                    })}
                  </Text>
                </li>
              ))}
            </ul>
          )}
          {detection.missing.length > 0 && (
            <>
              <Text as="h3" size={300} weight="semibold" block className={styles.sub}>
                {t("found.missingTitle")}
              </Text>
              <ul className={styles.list} aria-label={t("found.missingTitle")}>
                {detection.missing.map((kind) => (
                  <li key={kind} className={styles.item}>
                    <Info16Regular className={styles.missing} aria-hidden />
                    <Text>{t(MISSING_KEYS[kind])}</Text>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
