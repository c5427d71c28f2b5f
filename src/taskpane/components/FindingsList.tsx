/**
 * Findings grouped by category (the catalogue's CATEGORIES order), each with its severity badge,
 * filterable by severity and, with several subjects, by subject (the choice opens that subject).
 * Clicking a finding selects its cell in the workbook and expands its basis,
 * recommendation and member cells underneath (Accordion). Cell text is rendered as text.
 */
import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Field,
  Select,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  CATEGORIES,
  renderBasis,
  renderMember,
  renderMessage,
  renderRecommendation,
  ruleFor,
} from "../../engine/rules/catalogue";
import type { Category, Finding, FindingMember, Lang, Severity } from "../../engine/types";
import { useLang } from "../context";
import { SEVERITIES, SEVERITY_COLORS } from "./ResultView";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  filters: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  subject: { minWidth: 0, maxWidth: "100%" },
  select: { minWidth: 0, maxWidth: "100%", width: "100%" },
  category: { marginTop: tokens.spacingVerticalS },
  item: { borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  header: { alignItems: "flex-start", textAlign: "start" },
  headerText: {
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    minWidth: 0,
    whiteSpace: "normal",
    overflowWrap: "anywhere",
  },
  badge: { alignSelf: "flex-start", flexShrink: 0 },
  place: { color: tokens.colorNeutralForeground3 },
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
  },
  members: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  linkButton: {
    minWidth: "auto",
    height: "auto",
    padding: "2px 4px",
    whiteSpace: "normal",
    textAlign: "start",
    justifyContent: "flex-start",
  },
});

function place(sheet: string | null, cell: string | null): string | null {
  return sheet && cell ? `${sheet}!${cell}` : null;
}

/** One member of a grouped finding in the rule's member template (e.g. a project and what it lacks). */
function memberText(finding: Finding, member: FindingMember, lang: Lang): string {
  try {
    return renderMember(ruleFor(finding.rule), member, lang);
  } catch {
    return Object.values(member.params).join(lang === "zh-CN" ? "，" : ", ");
  }
}

function categoryLabel(category: Category, lang: Lang): string {
  return CATEGORIES[category]?.[lang] ?? category;
}

/** A subject the findings can be filtered by. */
export interface SubjectOption {
  id: string;
  label: string;
}

export function FindingsList(props: {
  findings: Finding[];
  onSelect: (sheet: string, cell: string) => void;
  /** With several subjects: the choices, the one shown (null: all) and what choosing does. */
  subjects?: SubjectOption[];
  subject?: string | null;
  onSubject?: (id: string | null) => void;
}): React.JSX.Element {
  const styles = useStyles();
  const { t, lang } = useLang();
  const [shown, setShown] = React.useState<Record<Severity, boolean>>({
    error: true,
    warning: true,
    info: true,
  });

  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of props.findings) counts[f.severity] += 1;
  const visible = props.findings
    .map((finding, index) => ({ finding, index }))
    .filter(({ finding }) => shown[finding.severity]);
  const categories = (Object.keys(CATEGORIES) as Category[]).sort(
    (a, b) => CATEGORIES[a].order - CATEGORIES[b].order,
  );
  for (const { finding } of visible)
    if (!categories.includes(finding.category)) categories.push(finding.category);

  return (
    <section className={styles.root} aria-labelledby="findings-title">
      <Text as="h2" id="findings-title" size={400} weight="semibold">
        {t("findings.title")}
      </Text>
      {props.subjects && props.subjects.length > 1 && (
        <Field className={styles.subject} label={t("findings.subjectFilter")}>
          <Select
            className={styles.select}
            value={props.subject ?? ""}
            onChange={(_, data) => props.onSubject?.(data.value === "" ? null : data.value)}
          >
            <option value="">{t("findings.allSubjects", { count: props.subjects.length })}</option>
            {props.subjects.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {props.findings.length > 0 && (
        <div className={styles.filters} role="group" aria-label={t("findings.filter")}>
          {SEVERITIES.map((s) => (
            <ToggleButton
              key={s}
              size="small"
              checked={shown[s]}
              onClick={() => setShown((prev) => ({ ...prev, [s]: !prev[s] }))}
            >
              {t("result.countLabel", { severity: t(`severity.${s}`), count: counts[s] })}
            </ToggleButton>
          ))}
        </div>
      )}
      {props.findings.length === 0 && <Text block>{t("findings.none")}</Text>}
      {props.findings.length > 0 && visible.length === 0 && <Text block>{t("findings.noneFiltered")}</Text>}
      {categories.map((category) => {
        const items = visible.filter(({ finding }) => finding.category === category);
        if (items.length === 0) return null;
        return (
          <div key={category} className={styles.category}>
            <Text as="h3" size={300} weight="semibold" block>
              {t("findings.categoryCount", { category: categoryLabel(category, lang), count: items.length })}
            </Text>
            <Accordion collapsible multiple>
              {items.map(({ finding, index }) => {
                const where = place(finding.sheet, finding.cell);
                const basis = renderBasis(finding, lang);
                const recommendation = renderRecommendation(finding, lang);
                return (
                  <AccordionItem key={index} value={index} data-testid="finding" className={styles.item}>
                    <AccordionHeader
                      className={styles.header}
                      expandIconPosition="end"
                      onClick={() => {
                        if (finding.sheet && finding.cell) props.onSelect(finding.sheet, finding.cell);
                      }}
                    >
                      <span className={styles.headerText}>
                        <span>
                          <Badge
                            className={styles.badge}
                            appearance="filled"
                            color={SEVERITY_COLORS[finding.severity]}
                            size="small"
                          >
                            {t(`severity.${finding.severity}`)}
                          </Badge>{" "}
                          {renderMessage(finding, lang)}
                        </span>
                        <Text size={200} className={styles.place}>
                          {where ?? t("findings.noCell")}
                        </Text>
                      </span>
                    </AccordionHeader>
                    <AccordionPanel className={styles.panel}>
                      {where && finding.sheet && finding.cell && (
                        <Button
                          className={styles.linkButton}
                          appearance="transparent"
                          size="small"
                          onClick={() => props.onSelect(finding.sheet as string, finding.cell as string)}
                        >
                          {t("findings.goto", { place: where })}
                        </Button>
                      )}
                      {basis && (
                        <Text block>
                          <Text weight="semibold">{t("findings.basis")}</Text>
                          {basis}
                        </Text>
                      )}
                      {recommendation && (
                        <Text block>
                          <Text weight="semibold">{t("findings.recommendation")}</Text>
                          {recommendation}
                        </Text>
                      )}
                      {finding.members.length > 1 && (
                        <>
                          <Text weight="semibold" block>
                            {t("findings.members", { count: finding.members.length })}
                          </Text>
                          <ul className={styles.members}>
                            {finding.members.map((member, m) => (
                              <li key={`${member.sheet}!${member.cell}-${m}`}>
                                <Button
                                  className={styles.linkButton}
                                  appearance="transparent"
                                  size="small"
                                  onClick={() => props.onSelect(member.sheet, member.cell)}
                                >
                                  {`${member.sheet}!${member.cell}`}
                                </Button>{" "}
                                <MemberNote
                                  text={memberText(finding, member, lang)}
                                  place={`${member.sheet}!${member.cell}`}
                                  cell={member.cell}
                                />
                              </li>
                            ))}
                          </ul>
                        </>
                      )}
                    </AccordionPanel>
                  </AccordionItem>
                );
              })}
            </Accordion>
          </div>
        );
      })}
    </section>
  );
}

function MemberNote(props: { text: string; place: string; cell: string }): React.JSX.Element | null {
  if (props.text === props.cell || props.text === props.place) return null;
  return <Text size={200}>{props.text}</Text>;
}
