/** The pane's header: product icon and name, and the language switch. */
import * as React from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useLang } from "../context";

const useStyles = makeStyles({
  header: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  titles: { display: "flex", flexDirection: "column", flexGrow: 1, minWidth: 0 },
  icon: { width: "32px", height: "32px", flexShrink: 0 },
  switch: { flexShrink: 0, minWidth: "auto" },
});

export function Header(props: { onSwitchLanguage?: () => void }): React.JSX.Element {
  const styles = useStyles();
  const { t } = useLang();
  return (
    <header className={styles.header}>
      <img className={styles.icon} src="assets/icon-32.png" alt={t("app.iconAlt")} width={32} height={32} />
      <div className={styles.titles}>
        <Text as="h1" size={500} weight="semibold" block>
          {t("app.title")}
        </Text>
        <Text size={200} block>
          {t("app.tagline")}
        </Text>
      </div>
      {props.onSwitchLanguage && (
        <Button
          className={styles.switch}
          size="small"
          appearance="outline"
          onClick={props.onSwitchLanguage}
          aria-label={t("lang.switchLabel")}
        >
          {t("lang.switch")}
        </Button>
      )}
    </header>
  );
}
