/** The pane's root: FluentProvider (webLightTheme), the header with the language switch, and either the
 *  pane or a clear message when there is no Excel (outside Excel, or office.js failed to load). */
import * as React from "react";
import { FluentProvider, Spinner, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import type { Lang } from "../engine/types";
import { translator } from "../i18n";
import { Header } from "./components/Header";
import { HostMessage, type HostStatus } from "./components/HostMessage";
import { LangContext } from "./context";
import { Pane } from "./Pane";
import type { PaneServices } from "./services";

export type AppStatus =
  { kind: "loading" } | { kind: HostStatus } | { kind: "ready"; services: PaneServices };

const useStyles = makeStyles({
  root: {
    boxSizing: "border-box",
    minHeight: "100vh",
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    overflowWrap: "anywhere",
    wordBreak: "normal",
    lineBreak: "strict",
  },
});

export function App(props: {
  status: AppStatus;
  initialLang: Lang;
  onWorkbookChanged?: () => void;
}): React.JSX.Element {
  const styles = useStyles();
  const [lang, setLang] = React.useState<Lang>(props.initialLang);
  const value = React.useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const { status } = props;
  return (
    <FluentProvider theme={webLightTheme} className={styles.root} lang={lang}>
      <LangContext.Provider value={value}>
        <Header onSwitchLanguage={() => setLang((l) => (l === "zh-CN" ? "en-US" : "zh-CN"))} />
        <main>
          {status.kind === "loading" && <Spinner label={value.t("host.loading")} />}
          {(status.kind === "noExcel" || status.kind === "noOffice") && (
            <div style={{ marginTop: 12 }}>
              <HostMessage status={status.kind} />
            </div>
          )}
          {status.kind === "ready" && (
            <Pane services={status.services} lang={lang} onWorkbookChanged={props.onWorkbookChanged} />
          )}
        </main>
      </LangContext.Provider>
    </FluentProvider>
  );
}
