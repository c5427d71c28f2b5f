/** The three reports the tests read back: the sample department, a project 自评表, and the sample without
 *  its 预算执行 sheet (a department without a budget table). */
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { evaluate } from "../../src/engine/evaluate";
import { buildReportModel, type ReportModel } from "../../src/engine/report-model";
import { ministryProjectSelfEvaluation } from "../engine/fixtures/layouts";

export function sampleModel(): ReportModel {
  return buildReportModel(evaluate(gaozhuangSnapshot()));
}

/** 财政部 项目支出绩效自评表 (乡村道路养护): until subjects land, the kind is given. */
export function projectModel(): ReportModel {
  return buildReportModel(evaluate(ministryProjectSelfEvaluation()), {
    kind: "project",
    name: "乡村道路养护",
    year: "2023",
  });
}

export function noBudgetModel(): ReportModel {
  const snapshot = gaozhuangSnapshot();
  snapshot.sheets = snapshot.sheets.filter((s) => s.name !== "预算执行");
  return buildReportModel(evaluate(snapshot));
}
