/**
 * Settings: thresholds, grade bands, 定性 bands, the 反向 formula variant and the 执行率 denominator.
 * Rates are edited as percents. Validation messages come from validateConfig (the engine's one
 * validator); invalid settings are not saved. Saved in the workbook through saveSettings.
 */
import * as React from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  DEFAULT_CONFIG,
  PROFILES,
  profileConfig,
  profileNamed,
  validateConfig,
  type ConfigError,
} from "../../engine/config";
import type { EvalConfig, Lang } from "../../engine/types";
import { t as translate, type MessageKey } from "../../i18n";
import { parseNumberText, toPercentText } from "../format";
import { useLang } from "../context";

type ThresholdKey = keyof EvalConfig["thresholds"];
type BandKey = keyof EvalConfig["qualitativeBands"];

const THRESHOLDS: { key: ThresholdKey; label: MessageKey; percent: boolean }[] = [
  { key: "executionHigh", label: "settings.executionHigh", percent: true },
  { key: "executionLow", label: "settings.executionLow", percent: true },
  { key: "adjustmentWarn", label: "settings.adjustmentWarn", percent: true },
  { key: "adjustmentError", label: "settings.adjustmentError", percent: true },
  { key: "lowScoreRate", label: "settings.lowScoreRate", percent: true },
  { key: "tolerance", label: "settings.tolerance", percent: false },
  { key: "scoreDisagreement", label: "settings.scoreDisagreement", percent: false },
];
const BANDS: { key: BandKey; label: MessageKey }[] = [
  { key: "achieved", label: "settings.achieved" },
  { key: "partial", label: "settings.partial" },
  { key: "notAchieved", label: "settings.notAchieved" },
];

type FormValues = Record<string, string>;

function formFromConfig(config: EvalConfig): FormValues {
  const form: FormValues = {};
  for (const { key, percent } of THRESHOLDS)
    form[`thresholds.${key}`] = percent
      ? toPercentText(config.thresholds[key])
      : String(config.thresholds[key]);
  config.grades.forEach((band, i) => {
    form[`grades.${i}.min`] = String(band.min);
    form[`grades.${i}.label`] = band.label;
  });
  for (const { key } of BANDS) {
    form[`qualitativeBands.${key}.0`] = toPercentText(config.qualitativeBands[key][0]);
    form[`qualitativeBands.${key}.1`] = toPercentText(config.qualitativeBands[key][1]);
  }
  form.reverseFormula = config.reverseFormula;
  form.executionDenominator = config.executionDenominator;
  form.profile = config.profile;
  return form;
}

/** The form as a partial config, plus "not a number" errors for fields that do not parse. */
function configFromForm(
  form: FormValues,
  gradeCount: number,
): { partial: Partial<EvalConfig>; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const num = (path: string, percent: boolean): number => {
    const n = parseNumberText(form[path] ?? "");
    if (Number.isNaN(n))
      errors.push({
        path,
        message: {
          "zh-CN": translate("zh-CN", "settings.notNumber"),
          "en-US": translate("en-US", "settings.notNumber"),
        },
      });
    return percent ? n / 100 : n;
  };
  const thresholds = {} as EvalConfig["thresholds"];
  for (const { key, percent } of THRESHOLDS) thresholds[key] = num(`thresholds.${key}`, percent);
  const grades: EvalConfig["grades"] = [];
  for (let i = 0; i < gradeCount; i++)
    grades.push({ min: num(`grades.${i}.min`, false), label: (form[`grades.${i}.label`] ?? "").trim() });
  const qualitativeBands = {} as EvalConfig["qualitativeBands"];
  for (const { key } of BANDS)
    qualitativeBands[key] = [num(`qualitativeBands.${key}.0`, true), num(`qualitativeBands.${key}.1`, true)];
  const partial: Partial<EvalConfig> = {
    thresholds,
    grades,
    qualitativeBands,
    reverseFormula: form.reverseFormula as EvalConfig["reverseFormula"],
    executionDenominator: form.executionDenominator as EvalConfig["executionDenominator"],
  };
  if (form.profile) partial.profile = form.profile;
  return { partial, errors };
}

/** Which field shows an error with this path ("grades.1" → the band's min, "thresholds" → none). */
function fieldFor(path: string, fields: string[]): string | null {
  return fields.find((f) => f === path || f.startsWith(`${path}.`)) ?? null;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  group: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    border: "none",
    margin: 0,
    padding: 0,
    minWidth: 0,
  },
  // two fields side by side that shrink with the pane (320 px): minmax(0, …) lets a column go below the
  // input's intrinsic width, and every field and control may shrink to it
  pair: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalS,
    alignItems: "end",
  },
  field: { minWidth: 0 },
  control: { minWidth: 0, maxWidth: "100%", width: "100%" },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS },
  errors: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export function SettingsForm(props: {
  config: EvalConfig;
  loadErrors: ConfigError[];
  busy: boolean;
  onSave: (partial: Partial<EvalConfig>) => Promise<ConfigError[]>;
  onReset: () => Promise<ConfigError[]>;
  /** The notice of the last save or reset, shown below the buttons. */
  notice?: React.ReactNode;
}): React.JSX.Element {
  const styles = useStyles();
  const { t, lang } = useLang();
  const [form, setForm] = React.useState<FormValues>(() => formFromConfig(props.config));
  const [errors, setErrors] = React.useState<ConfigError[]>([]);
  const gradeCount = props.config.grades.length;

  React.useEffect(() => setForm(formFromConfig(props.config)), [props.config]);

  const fields = Object.keys(form);
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) {
    const field = fieldFor(e.path, fields);
    if (field && !fieldErrors[field]) fieldErrors[field] = e.message[lang];
  }
  const set = (path: string) => (_: unknown, data: { value: string }) =>
    setForm((prev) => ({ ...prev, [path]: data.value }));

  const save = async () => {
    const { partial, errors: parseErrors } = configFromForm(form, gradeCount);
    const found = parseErrors.length ? parseErrors : validateConfig(partial).errors;
    setErrors(found);
    if (found.length) return;
    setErrors(await props.onSave(partial));
  };
  const reset = async () => {
    setForm(formFromConfig(DEFAULT_CONFIG));
    setErrors(await props.onReset());
  };

  const numberField = (path: string, label: string) => (
    <Field
      key={path}
      className={styles.field}
      label={label}
      validationMessage={fieldErrors[path]}
      validationState={fieldErrors[path] ? "error" : "none"}
    >
      <Input className={styles.control} value={form[path] ?? ""} onChange={set(path)} inputMode="decimal" />
    </Field>
  );

  return (
    <form
      className={styles.root}
      aria-labelledby="settings-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Text as="h2" id="settings-title" size={400} weight="semibold">
        {t("settings.title")}
      </Text>
      <Text block size={200}>
        {t("settings.intro")}
      </Text>
      {props.loadErrors.length > 0 && (
        <ErrorList title={t("settings.loadErrors")} errors={props.loadErrors} lang={lang} intent="warning" />
      )}
      {errors.length > 0 && (
        <ErrorList title={t("settings.invalid")} errors={errors} lang={lang} intent="error" />
      )}

      <Field
        className={styles.field}
        label={t("settings.profile")}
        hint={profileNamed(form.profile)?.description[lang]}
      >
        <Select
          className={styles.control}
          select={{ className: styles.control }}
          value={form.profile}
          onChange={(_, data) => {
            // a profile brings its own numbers: the form shows them (and saves them with its name)
            const chosen = profileNamed(data.value);
            if (chosen) setForm(formFromConfig(profileConfig(chosen)));
          }}
        >
          {PROFILES.map((p) => (
            <option key={p.name} value={p.name}>
              {p.title[lang]}
            </option>
          ))}
        </Select>
      </Field>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>
          <Text weight="semibold">{t("settings.thresholds")}</Text>
        </legend>
        {THRESHOLDS.map(({ key, label }) => numberField(`thresholds.${key}`, t(label)))}
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>
          <Text weight="semibold">{t("settings.grades")}</Text>
        </legend>
        {props.config.grades.map((_, i) => (
          <div key={i} className={styles.pair}>
            {numberField(`grades.${i}.min`, t("settings.gradeMin", { n: i + 1 }))}
            <Field
              className={styles.field}
              label={t("settings.gradeLabel", { n: i + 1 })}
              validationMessage={fieldErrors[`grades.${i}.label`]}
              validationState={fieldErrors[`grades.${i}.label`] ? "error" : "none"}
            >
              <Input
                className={styles.control}
                value={form[`grades.${i}.label`] ?? ""}
                onChange={set(`grades.${i}.label`)}
              />
            </Field>
          </div>
        ))}
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>
          <Text weight="semibold">{t("settings.qualitative")}</Text>
        </legend>
        {BANDS.map(({ key, label }) => (
          <div key={key} className={styles.pair}>
            {numberField(`qualitativeBands.${key}.0`, t("settings.bandLow", { band: t(label) }))}
            {numberField(`qualitativeBands.${key}.1`, t("settings.bandHigh", { band: t(label) }))}
          </div>
        ))}
      </fieldset>

      <Field
        className={styles.field}
        label={t("settings.reverseFormula")}
        validationMessage={fieldErrors.reverseFormula}
        validationState={fieldErrors.reverseFormula ? "error" : "none"}
      >
        <Select
          className={styles.control}
          select={{ className: styles.control }}
          value={form.reverseFormula}
          onChange={set("reverseFormula")}
        >
          <option value="ratio">{t("settings.reverse.ratio")}</option>
          <option value="deviation">{t("settings.reverse.deviation")}</option>
        </Select>
      </Field>
      <Field
        className={styles.field}
        label={t("settings.executionDenominator")}
        validationMessage={fieldErrors.executionDenominator}
        validationState={fieldErrors.executionDenominator ? "error" : "none"}
      >
        <Select
          className={styles.control}
          select={{ className: styles.control }}
          value={form.executionDenominator}
          onChange={set("executionDenominator")}
        >
          <option value="adjusted">{t("settings.denominator.adjusted")}</option>
          <option value="initial">{t("settings.denominator.initial")}</option>
        </Select>
      </Field>

      <div className={styles.buttons}>
        <Button appearance="primary" type="submit" disabled={props.busy}>
          {t("settings.save")}
        </Button>
        <Button type="button" onClick={() => void reset()} disabled={props.busy}>
          {t("settings.reset")}
        </Button>
      </div>
      <div aria-live="polite">{props.notice}</div>
    </form>
  );
}

function ErrorList(props: {
  title: string;
  errors: ConfigError[];
  lang: Lang;
  intent: "error" | "warning";
}): React.JSX.Element {
  return (
    <MessageBar intent={props.intent} layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{props.title}</MessageBarTitle>
        <ul style={{ margin: 0, paddingLeft: "1.2em" }}>
          {props.errors.map((e, i) => (
            <li key={`${e.path}-${i}`}>{e.message[props.lang]}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
