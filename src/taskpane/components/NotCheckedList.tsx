/** 未能检查: what the evaluation could not check and why (a missing table, a rate left blank because its
 *  budget is zero, a stage that failed), as the engine's notChecked lists it. Open when short. */
import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Evaluation } from "../../engine/types";
import { useLang } from "../context";

/** Up to this many items the list starts open. */
const OPEN_UP_TO = 5;

const useStyles = makeStyles({
  header: { alignItems: "flex-start", textAlign: "start" },
  headerText: { whiteSpace: "normal", overflowWrap: "anywhere", fontWeight: tokens.fontWeightSemibold },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  item: { overflowWrap: "anywhere" },
});

export function NotCheckedList(props: { items: Evaluation["notChecked"] }): React.JSX.Element | null {
  const styles = useStyles();
  const { t } = useLang();
  if (props.items.length === 0) return null;
  return (
    <section aria-label={t("notChecked.title")} data-testid="not-checked">
      <Accordion collapsible defaultOpenItems={props.items.length <= OPEN_UP_TO ? ["list"] : []}>
        <AccordionItem value="list">
          <AccordionHeader className={styles.header} expandIconPosition="end" as="h2">
            <span className={styles.headerText}>
              {t("notChecked.heading", { count: props.items.length })}
            </span>
          </AccordionHeader>
          <AccordionPanel>
            <ul className={styles.list}>
              {props.items.map((n, i) => (
                <li key={`${n.item}-${i}`} className={styles.item}>
                  <Text size={200}>{t("notChecked.item", { item: n.item, reason: n.reason })}</Text>
                </li>
              ))}
            </ul>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}
