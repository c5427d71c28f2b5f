/**
 * Rule codes are types: the catalogue's codes are a union (RuleCode), each family's finding builder
 * accepts only its own codes, and a finding's `rule` must be a known code. The @ts-expect-error lines
 * are checked by `npm run typecheck` (tsc fails when the expected error is missing); the runtime
 * assertions check the same facts on the data.
 */
import { BUDGET_RULES } from "../../src/engine/rules/budget";
import { RULES, hasRule, type RuleCode } from "../../src/engine/rules/catalogue";
import { CHECKLIST_RULES } from "../../src/engine/rules/checklist";
import { REVIEW_RULES } from "../../src/engine/rules/review-catalogue";
import { DATA_RULES } from "../../src/engine/rules/data";
import { grouperOf, member, ruleIn } from "../../src/engine/rules/define";
import { INDICATOR_RULES } from "../../src/engine/rules/indicators";
import { TARGET_RULES } from "../../src/engine/rules/targets";
import type { Finding } from "../../src/engine/types";

describe("rule codes", () => {
  it("a misspelt code does not compile", () => {
    const ok: RuleCode = "BUDGET_EXECUTION_HIGH";
    // @ts-expect-error "BUDGET_EXECUTION_HGH" is not a rule code
    const misspelt: RuleCode = "BUDGET_EXECUTION_HGH";
    // @ts-expect-error a finding's rule must be a rule code
    const finding: Pick<Finding, "rule"> = { rule: "TARGET_VAGE" };
    expect(hasRule(ok)).toBe(true);
    expect(hasRule(misspelt)).toBe(false);
    expect(hasRule(finding.rule)).toBe(false);
  });

  it("a family's builder takes only its own codes", () => {
    const grouped = grouperOf(BUDGET_RULES);
    const m = member("预算", 3, 4, { name: "x" });
    expect(grouped("STRUCTURE_MISMATCH", [m], {})).toMatchObject({ rule: "STRUCTURE_MISMATCH", cell: "E4" });
    // @ts-expect-error TARGET_VAGUE belongs to the targets family
    expect(() => grouped("TARGET_VAGUE", [m], {})).toThrow();
    // @ts-expect-error CHECKLIST_FAILED is not a data rule
    expect(() => ruleIn(DATA_RULES, "CHECKLIST_FAILED")).toThrow();
  });

  it("the catalogue is the five families and the 复核 rules in order, each code once", () => {
    const families = [BUDGET_RULES, TARGET_RULES, INDICATOR_RULES, CHECKLIST_RULES, DATA_RULES, REVIEW_RULES];
    expect(RULES.map((r) => r.code)).toEqual(families.flatMap((f) => f.map((r) => r.code)));
    expect(new Set(RULES.map((r) => r.code)).size).toBe(RULES.length);
  });
});
