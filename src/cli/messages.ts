/** The command line's own texts (zh-CN and en-US): usage, labels and messages. Rule texts come from the
 *  engine's catalogue, not from here. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { fillPlaceholders } from "../engine/format";
import type { Lang, Severity, TableKind } from "../engine/types";

export const USAGE: Record<Lang, string> = {
  "zh-CN": `用法：
  perf-eval score <输入.xlsx> [选项]     为工作簿评分，输出摘要（默认不修改任何文件）
  perf-eval score <文件或文件夹>… --out-dir <文件夹> [--summary <汇总.xlsx>] [--json <report.json>]
                  [--report] [--jobs N] [选项]
                                        批量评分：文件夹中（含子文件夹）的每个 .xlsx，评分副本按相对路径
                                        写入 --out-dir；锁定文件、.xls 等跳过并列出原因（见 docs/batch.md）
  perf-eval report <输入.xlsx> --out <报告.docx> [--fonts …] [--margins …] [--config …] [--lang …]
                                        生成评价报告初稿（Word，五部分，数字取自评分结果）
  perf-eval review <文件或文件夹>… --out <复核底稿.xlsx> [--profile …] [--config …] [--jobs N] [--lang …]
                                        复核：每个单位一张表列出全部复核问题（项目、指标、问题、P0/P1/P2、
                                        建议扣分、依据、单元格链接），汇总表列出各单位的 P0/P1/P2 条数；
                                        不写评分副本（见 docs/review.md）
  perf-eval --help | --version

选项：
  --out <scored.xlsx>        写出已评分的副本（含问题汇总表；不能与输入文件相同）
  --json <report.json|->     写出 JSON 报告；"-" 表示输出到标准输出（摘要改为输出到标准错误）
  --report <报告.docx>       同时写出评价报告初稿（Word）
  --fonts gb2312|windows[,角色=字体…]
                             评价报告的字体：gb2312（仿宋_GB2312、楷体_GB2312，默认）或 windows（仿宋、楷体），
                             可逐项改写：title、heading1、heading2、body、latin、pageNumber（如 body=仿宋）
  --margins 上,下,左,右      评价报告的页边距（毫米，默认 37,35,28,26）
  --config <cfg.json>        评价配置（阈值、等级线等），覆盖工作簿中保存的设置
  --profile <名称|方案.json>  规则方案：default、一体化自评，或规则方案文件（见 docs/profiles.md）；
                             覆盖工作簿中保存的设置，--config 再覆盖其上
  --lang zh-CN|en-US         摘要语言（默认 zh-CN）
  --fail-on error|warning    存在该级别（或更严重）的问题时退出码为 1
  --allow-loss               （保留兼容，无作用：副本原样保留工作簿的每个部件）

批量评分选项：
  --out-dir <文件夹>         评分副本的文件夹（不能是输入文件夹；输入文件从不修改）
  --summary <汇总.xlsx>      汇总表：每个评价对象一行（含未评分文件及原因），另一张表列出全部问题
  --json <report.json>       {files: [{path, status, error?, report?}]}，按路径排序
  --report                   每个文件的评价报告初稿（.docx）写在其评分副本旁（--fonts、--margins 同上）
  --jobs N                   并行评分的线程数（默认为 CPU 核数）

退出码：0 已评分；1 存在 --fail-on 指定级别的问题（批量：任一文件）；2 参数、配置或文件有误（批量：没有任何文件能读取）。`,
  "en-US": `Usage:
  perf-eval score <in.xlsx> [options]    score a workbook and print a summary (writes no file by default)
  perf-eval score <file or folder>… --out-dir <dir> [--summary <summary.xlsx>] [--json <report.json>]
                  [--report] [--jobs N] [options]
                                        batch: every .xlsx given or under the folders (recursively), each
                                        scored copy written to --out-dir by its relative path; lock files,
                                        .xls and other files skipped and listed with the reason (docs/batch.md)
  perf-eval report <in.xlsx> --out <report.docx> [--fonts …] [--margins …] [--config …] [--lang …]
                                        write a draft evaluation report (Word, five sections, numbers from the scores)
  perf-eval review <file or folder>… --out <workpaper.xlsx> [--profile …] [--config …] [--jobs N] [--lang …]
                                        review: one sheet per unit with every review finding (project,
                                        indicator, finding, P0/P1/P2, suggested deduction, basis, a link to
                                        the cell) and a sheet of the units' P0/P1/P2 counts; writes no
                                        scored copy (docs/review.md)
  perf-eval --help | --version

Options:
  --out <scored.xlsx>        write a scored copy (with the findings summary sheet; never the input file)
  --json <report.json|->     write the JSON report; "-" = standard output (the summary goes to stderr)
  --report <report.docx>     also write the draft evaluation report (Word)
  --fonts gb2312|windows[,role=font…]
                             the report's fonts: gb2312 (仿宋_GB2312, 楷体_GB2312; the default) or windows
                             (仿宋, 楷体), each role replaceable: title, heading1, heading2, body, latin,
                             pageNumber (e.g. body=仿宋)
  --margins top,bottom,left,right
                             the report's page margins in millimetres (default 37,35,28,26)
  --config <cfg.json>        evaluation settings (thresholds, grade lines …), over those saved in the workbook
  --profile <name|file.json> rule profile: default, 一体化自评, or a profile file (see docs/profiles.md);
                             replaces the settings saved in the workbook, --config applies over it
  --lang zh-CN|en-US         language of the summary (default zh-CN)
  --fail-on error|warning    exit 1 when a finding of that severity (or worse) exists
  --allow-loss               (kept for compatibility, no effect: the copy keeps every part of the workbook)

Batch options:
  --out-dir <dir>            folder for the scored copies (not an input folder; inputs are never modified)
  --summary <summary.xlsx>   summary workbook: one row per subject (files not scored with the reason) and
                             a sheet of every finding
  --json <report.json>       {files: [{path, status, error?, report?}]}, in path order
  --report                   each file's draft report(s) (.docx) beside its scored copy (--fonts, --margins as above)
  --jobs N                   worker threads (default: the number of CPU cores)

Exit codes: 0 scored; 1 findings at the --fail-on severity (batch: in any file); 2 bad arguments, settings or
file (batch: no file could be read).`,
};

export const SEVERITY: Record<Lang, Record<Severity, string>> = {
  "zh-CN": { error: "错误", warning: "警告", info: "提示" },
  "en-US": { error: "error", warning: "warning", info: "info" },
};

export const TABLE_KIND: Record<Lang, Record<TableKind, string>> = {
  "zh-CN": {
    budget: "预算执行表",
    structure: "支出结构表",
    indicators: "指标评分表",
    targets: "绩效目标表",
    checklist: "管理情况检查表",
    finalAccounts: "收入支出决算总表",
    sangong: "“三公”经费表",
  },
  "en-US": {
    budget: "budget table",
    structure: "expenditure structure",
    indicators: "indicator table",
    targets: "target table",
    checklist: "management checklist",
    finalAccounts: "final accounts summary",
    sangong: "“three public expenses” table",
  },
};

type Params = Record<string, string | number>;

export const CLI_TEXTS = {
  "zh-CN": {
    title: "绩效评价助手 · {file}",
    tables: "识别的表格：",
    tableLine: "  {kind}：{sheet}，表头第 {row} 行",
    missing: "未找到：{kinds}",
    total: "总分 {score} / {max}，等级：{grade}",
    noIndicators: "未找到指标评分表，无法计算总分。",
    levelHeader: ["一级指标", "分值", "得分", "得分率"],
    levelTotal: "合计",
    metrics: "主要指标：",
    execution: "  预算执行率 {value}（{name}，{basis}）",
    adjustment: "  预算调整率 {value}（{name}）",
    finalAccounts: "  决算数 {final} 万元，实际支出数 {actual} 万元，差额 {gap} 万元",
    sangong:
      "  “三公”经费 本年 {current} 万元，上年 {prior} 万元，变动率 {change}；预算 {budget} 万元，控制率 {control}",
    spending:
      "  支出结构 基本支出 {basic} 万元（人员经费 {personnel} 万元，公用经费 {publicFunds} 万元），项目支出 {project} 万元，支出合计 {total} 万元",
    basisAdjusted: "按调整后预算",
    basisInitial: "按年初预算",
    basisFinal: "按决算数",
    findings: "发现的问题（{count} 项）：",
    noFindings: "未发现问题。",
    category: "【{name}】",
    findingLine: "  [{severity}] {where}{message}",
    notChecked: "未能检查：",
    notCheckedLine: "  {item}：{reason}",
    written: "已写出评分副本 {file}：写入 {cells} 个单元格，标记 {marks} 处；问题汇总表“{sheet}”。",
    skipped: "有 {count} 个输出单元格已有用户自己的数值或公式，未覆盖。",
    marksOmitted:
      "问题单元格过多：只标记了前 {marks} 处（错误优先），另有 {count} 处未标记；全部问题仍列在上方和 JSON 报告中。",
    skippedProtected: "工作表“{sheet}”受保护，其中 {count} 个输出单元格未写入；撤销保护后重新运行即可写入。",
    chartNote:
      "说明：副本的问题汇总表已写入图表数据，但不含图表；得分率图表需在 Excel 中用加载项“插入问题汇总表”添加。",
    jsonWritten: "JSON 报告已写入 {file}",
    error: "perf-eval：{message}",
    allowLossHint: "如确认可以丢失这些内容，请加 --allow-loss 重新运行。",
    sameFile: "--out 不能与输入文件相同（{file}）：输入文件从不修改。",
    jsonSameFile: "--json 不能写到输入文件或 --out 文件（{file}）。",
    unknownCommand: "未知命令“{command}”。",
    needInput: "请指定要评分的 .xlsx 文件。",
    tooMany: "多余的参数：{args}",
    badLang: "--lang 只能是 zh-CN 或 en-US（收到“{value}”）。",
    badFailOn: "--fail-on 只能是 error 或 warning（收到“{value}”）。",
    configUnreadable: "无法读取配置文件“{file}”：{reason}",
    configInvalid: "配置文件“{file}”有误：",
    configLine: "  {path}：{message}",
    profileUnknown: "未知的规则方案“{name}”：可用 {names}，或给出规则方案文件（.json）。",
    profileUnreadable: "无法读取规则方案文件“{file}”：{reason}",
    profileInvalid: "规则方案文件“{file}”有误：",
    settingsIgnored: "注意：工作簿中保存的设置无效，已改用默认设置（{errors}）。",
    seeHelp: "运行 perf-eval --help 查看用法。",
    unknownOption: "未知选项“{option}”。",
    optionNeedsValue: "选项“{option}”需要一个值。",
    optionValueDash: "选项“{option}”需要一个值；如值以“-”开头，请写成 {option}=值。",
    optionTakesNoValue: "选项“{option}”不带值。",
    badArguments: "参数有误。",
    reportWritten: "评价报告初稿已写入 {file}（{placeholders} 处【请填写】需评价人员补充）",
    reportSameFile: "--report 不能写到输入文件、--out 或 --json 文件（{file}）。",
    reportNeedOut: "请用 --out 指定评价报告（.docx）的文件名。",
    reportNotDocx: "评价报告的文件名应以 .docx 结尾（收到“{file}”）。",
    outputSameFile:
      "不能写入“{file}”：它就是“{other}”或链接到它（同一文件）。输入文件从不修改，各输出文件也不能互相覆盖。",
    outputReadOnly: "“{file}”是只读文件，不会替换它：请换一个输出路径，或先取消它的只读属性。",
    outputNotFile: "“{file}”不是普通文件（可能是文件夹），不能写入。",
    outputWriteFailed: "无法写入“{file}”：{reason}。未留下不完整的文件。",
    osNoFolder: "所在文件夹不存在",
    osDenied: "没有写入权限",
    osFull: "磁盘空间不足",
    osReadOnlyDisk: "所在磁盘为只读",
    osIsFolder: "目标是文件夹",
    osOther: "系统错误 {code}",
    batchSkipped: "跳过：{reason}",
    batchFailed: "未评分：{reason}",
    batchOne: "总分 {score} / {max}，{grade}；错误 {errors}，警告 {warnings}",
    batchMany: "{count} 个评价对象；错误 {errors}，警告 {warnings}",
    batchEta: "剩余",
    batchDone: "已评分 {scored} 个文件，未评分 {failed} 个，跳过 {skipped} 个；评分副本在 {dir}",
    batchNothing: "没有找到要评分的文件。",
    batchNoneRead: "没有任何文件能够读取和评分。",
    batchMissing: "文件或文件夹“{file}”不存在",
    batchWorkerLost: "评分进程意外退出（{reason}）",
    skipLock: "Excel/WPS 的临时锁定文件",
    skipXls: "旧版 Excel 97-2003 工作簿（.xls），请另存为 .xlsx 后再评分",
    skipOtherFormat: "不是 .xlsx 工作簿（{ext}），请另存为 .xlsx 后再评分",
    skipNotWorkbook: "不是工作簿",
    outDirNotFolder: "--out-dir “{dir}”不是文件夹。",
    outDirIsInput: "--out-dir “{dir}”就是输入文件夹：评分副本不能写在输入文件的位置。",
    outDirFailed: "无法创建输出文件夹“{dir}”（{reason}）。",
    outDirNeeded: "评分多个文件或文件夹时请用 --out-dir 指定评分副本的文件夹。",
    outWithOutDir: "--out 只用于单个文件；批量评分请只用 --out-dir。",
    batchOnlyOption: "{option} 只用于批量评分（与 --out-dir 一起使用）。",
    reportFlagInBatch: "批量评分时 --report 不带文件名：每个文件的评价报告写在其评分副本旁。",
    badFonts:
      "--fonts 应为 gb2312 或 windows，其后可加“,角色=字体”（角色：title、heading1、heading2、body、latin、pageNumber，或 标题、一级标题、二级标题、正文、西文、页码），例如 --fonts windows,body=仿宋（收到“{value}”）。",
    badMargins:
      "--margins 应为四个以毫米计的数：上,下,左,右（每个在 0 到 {max} 之间），例如 --margins 37,35,28,26（收到“{value}”）。",
    formatNeedsReport: "{option} 只用于评价报告：请与 --report 一起使用，或使用 perf-eval report。",
    jsonStdoutInBatch: "批量评分时 --json 需要文件名（不能是“-”）。",
    badJobs: "--jobs 应为正整数（收到“{value}”）。",
    summaryNotXlsx: "汇总表的文件名应以 .xlsx 结尾（收到“{file}”）。",
    summaryWritten: "汇总表已写入 {file}",
    subjectsHeader: "各评价对象（{count} 个）：",
    subjectLine: "  {name}（{sheet}）：{score}，{grade}；错误 {errors}，警告 {warnings}",
    sheetSubjects: "评价对象",
    sheetFindings: "问题清单",
    colFile: "文件",
    colUnit: "单位",
    colSubject: "项目",
    colKind: "类型",
    colTotal: "总分",
    colGrade: "等级",
    colExecution: "执行率",
    colAdjustment: "调整率",
    colErrors: "错误",
    colWarnings: "警告",
    colCopy: "评分副本",
    colNote: "说明",
    colSeverity: "级别",
    colCategory: "类别",
    colFinding: "问题",
    colCell: "单元格",
    kindProject: "项目",
    kindDepartment: "部门整体",
    kindSkipped: "跳过",
    kindFailed: "未评分",
    sheetUnits: "单位汇总",
    colP0: "P0",
    colP1: "P1",
    colP2: "P2",
    colReviewTotal: "问题合计",
    colWorkpaper: "底稿",
    colIndicator: "指标",
    colLevel: "复核级别",
    colDeduct: "建议扣分",
    colBasis: "依据",
    reviewSkipped: "跳过：{reason}",
    reviewFailed: "未复核：{reason}",
    reviewNoFindings: "未发现复核问题。",
    reviewNeedInput: "请指定要复核的 .xlsx 文件或文件夹。",
    reviewNeedOut: "请用 --out 指定复核底稿（.xlsx）的文件名。",
    reviewNotXlsx: "复核底稿的文件名应以 .xlsx 结尾（收到“{file}”）。",
    reviewDone: "已复核 {scored} 个文件，未复核 {failed} 个，跳过 {skipped} 个",
    reviewWritten: "复核底稿已写入 {file}",
  },
  "en-US": {
    title: "Performance Evaluation Assistant · {file}",
    tables: "Tables recognised:",
    tableLine: "  {kind}: {sheet}, header on row {row}",
    missing: "Not found: {kinds}",
    total: "Total {score} / {max}, grade: {grade}",
    noIndicators: "No indicator table was found; no total can be computed.",
    levelHeader: ["Level-1 indicator", "Weight", "Score", "Rate"],
    levelTotal: "Total",
    metrics: "Key metrics:",
    execution: "  Budget execution rate {value} ({name}, {basis})",
    adjustment: "  Budget adjustment rate {value} ({name})",
    finalAccounts: "  Final accounts {final}, actual spending {actual}, gap {gap} (10k yuan)",
    sangong:
      "  Three public expenses {current} this year, {prior} last year (10k yuan), change {change}; budget {budget}, control rate {control}",
    spending:
      "  Expenditure structure: basic {basic} (personnel {personnel}, public {publicFunds}), project {project}, total {total} (10k yuan)",
    basisAdjusted: "against the adjusted budget",
    basisInitial: "against the initial budget",
    basisFinal: "against the final accounts",
    findings: "Findings ({count}):",
    noFindings: "No findings.",
    category: "[{name}]",
    findingLine: "  [{severity}] {where}{message}",
    notChecked: "Not checked:",
    notCheckedLine: "  {item}: {reason}",
    written:
      "Scored copy written to {file}: {cells} cells written, {marks} areas marked; summary sheet “{sheet}”.",
    skipped: "{count} output cells hold the user's own values or formulas and were not overwritten.",
    marksOmitted:
      "Too many flagged cells: only {marks} areas were marked (errors first) and {count} were not; every finding is still listed above and in the JSON report.",
    skippedProtected:
      "Sheet “{sheet}” is protected: {count} output cells were not written; unprotect it and run again.",
    chartNote:
      "Note: the copy's summary sheet holds the chart's data but no chart; the score-rate chart is added by the add-in in Excel (Insert findings summary).",
    jsonWritten: "JSON report written to {file}",
    error: "perf-eval: {message}",
    allowLossHint: "If losing this content is acceptable, run again with --allow-loss.",
    sameFile: "--out must not be the input file ({file}): the input is never modified.",
    jsonSameFile: "--json must not name the input file or the --out file ({file}).",
    unknownCommand: 'Unknown command "{command}".',
    needInput: "Name the .xlsx file to score.",
    tooMany: "Unexpected arguments: {args}",
    badLang: '--lang must be zh-CN or en-US (got "{value}").',
    badFailOn: '--fail-on must be error or warning (got "{value}").',
    configUnreadable: 'Cannot read the settings file "{file}": {reason}',
    configInvalid: 'The settings file "{file}" is invalid:',
    configLine: "  {path}: {message}",
    profileUnknown: 'Unknown profile "{name}": use one of {names}, or give a profile file (.json).',
    profileUnreadable: 'Cannot read the profile file "{file}": {reason}',
    profileInvalid: 'The profile file "{file}" is invalid:',
    settingsIgnored: "Note: the settings saved in the workbook are invalid; defaults are used ({errors}).",
    seeHelp: "Run perf-eval --help for usage.",
    unknownOption: "Unknown option '{option}'.",
    optionNeedsValue: "Option '{option}' needs a value.",
    optionValueDash: "Option '{option}' needs a value; for a value starting with '-', write {option}=value.",
    optionTakesNoValue: "Option '{option}' takes no value.",
    badArguments: "The arguments are invalid.",
    reportWritten:
      "Draft report written to {file} ({placeholders} placeholders for the evaluator to complete)",
    reportSameFile: "--report must not name the input file, the --out file or the --json file ({file}).",
    reportNeedOut: "Name the report file (.docx) with --out.",
    reportNotDocx: 'The report file name must end in .docx (got "{file}").',
    outputSameFile:
      "Cannot write “{file}”: it is “{other}” or a link to it (the same file). The input is never modified and outputs never overwrite each other.",
    outputReadOnly:
      "“{file}” is a read-only file and is not replaced: choose another output path or make it writable first.",
    outputNotFile: "“{file}” is not a regular file (perhaps a folder) and cannot be written.",
    outputWriteFailed: "Cannot write “{file}”: {reason}. No partial file was left.",
    osNoFolder: "its folder does not exist",
    osDenied: "permission denied",
    osFull: "the disk is full",
    osReadOnlyDisk: "the disk is read-only",
    osIsFolder: "the target is a folder",
    osOther: "system error {code}",
    batchSkipped: "skipped: {reason}",
    batchFailed: "not scored: {reason}",
    batchOne: "total {score} / {max}, {grade}; {errors} errors, {warnings} warnings",
    batchMany: "{count} subjects; {errors} errors, {warnings} warnings",
    batchEta: "ETA",
    batchDone: "{scored} files scored, {failed} not scored, {skipped} skipped; scored copies in {dir}",
    batchNothing: "No file to score was found.",
    batchNoneRead: "No file could be read and scored.",
    batchMissing: "the file or folder “{file}” does not exist",
    batchWorkerLost: "the scoring thread stopped unexpectedly ({reason})",
    skipLock: "an Excel/WPS lock file",
    skipXls: "a legacy Excel 97-2003 workbook (.xls): save it as .xlsx to score it",
    skipOtherFormat: "not an .xlsx workbook ({ext}): save it as .xlsx to score it",
    skipNotWorkbook: "not a workbook",
    outDirNotFolder: "--out-dir “{dir}” is not a folder.",
    outDirIsInput: "--out-dir “{dir}” is an input folder: scored copies must not go where the inputs are.",
    outDirFailed: "Cannot create the output folder “{dir}” ({reason}).",
    outDirNeeded: "To score several files or a folder, name the folder for the scored copies with --out-dir.",
    outWithOutDir: "--out is for one file; a batch takes --out-dir only.",
    batchOnlyOption: "{option} is for a batch (with --out-dir).",
    reportFlagInBatch:
      "In a batch --report takes no file name: each file's report goes beside its scored copy.",
    badFonts:
      '--fonts must be gb2312 or windows, optionally followed by ",role=font" (roles: title, heading1, heading2, body, latin, pageNumber), e.g. --fonts windows,body=仿宋 (got "{value}").',
    badMargins:
      '--margins must be four figures in millimetres: top,bottom,left,right (each from 0 to {max}), e.g. --margins 37,35,28,26 (got "{value}").',
    formatNeedsReport: "{option} is for the draft report: use it with --report, or use perf-eval report.",
    jsonStdoutInBatch: "In a batch --json needs a file name (not “-”).",
    badJobs: '--jobs must be a positive whole number (got "{value}").',
    summaryNotXlsx: 'The summary file name must end in .xlsx (got "{file}").',
    summaryWritten: "Summary workbook written to {file}",
    subjectsHeader: "Subjects ({count}):",
    subjectLine: "  {name} ({sheet}): {score}, {grade}; {errors} errors, {warnings} warnings",
    sheetSubjects: "Subjects",
    sheetFindings: "Findings",
    colFile: "File",
    colUnit: "Unit",
    colSubject: "Subject",
    colKind: "Kind",
    colTotal: "Total",
    colGrade: "Grade",
    colExecution: "Execution rate",
    colAdjustment: "Adjustment rate",
    colErrors: "Errors",
    colWarnings: "Warnings",
    colCopy: "Scored copy",
    colNote: "Note",
    colSeverity: "Severity",
    colCategory: "Category",
    colFinding: "Finding",
    colCell: "Cell",
    kindProject: "project",
    kindDepartment: "department",
    kindSkipped: "skipped",
    kindFailed: "not scored",
    sheetUnits: "Units",
    colP0: "P0",
    colP1: "P1",
    colP2: "P2",
    colReviewTotal: "Findings",
    colWorkpaper: "Workpaper",
    colIndicator: "Indicator",
    colLevel: "Review level",
    colDeduct: "Suggested deduction",
    colBasis: "Basis",
    reviewSkipped: "skipped: {reason}",
    reviewFailed: "not reviewed: {reason}",
    reviewNoFindings: "No review findings.",
    reviewNeedInput: "Name the .xlsx files or folders to review.",
    reviewNeedOut: "Name the review workpaper (.xlsx) with --out.",
    reviewNotXlsx: "The review workpaper's name should end in .xlsx (got “{file}”).",
    reviewDone: "{scored} files reviewed, {failed} not reviewed, {skipped} skipped",
    reviewWritten: "Review workpaper written to {file}",
  },
} as const;

export type TextKey = Exclude<keyof (typeof CLI_TEXTS)["zh-CN"], "levelHeader">;

export function text(lang: Lang, key: TextKey, params: Params = {}): string {
  return fillPlaceholders(CLI_TEXTS[lang][key] as string, params);
}

export function levelHeader(lang: Lang): readonly string[] {
  return CLI_TEXTS[lang].levelHeader;
}

/** The option a parseArgs refusal names ("'--out <value>'", "'-h, --help'" → "--out", "--help"). */
function optionNamed(message: string): string | undefined {
  const quoted = /'(.*?)'(?=[. ]|$)/s.exec(message)?.[1];
  return quoted
    ?.replace(/ <value>$/, "")
    .split(", ")
    .pop();
}

/** Our own text for a parseArgs refusal (its code, and the option recovered from its message); parseArgs's
 *  English is never shown. Errors that are not refusals of the arguments (a bug in `options`) pass through. */
function argumentError(e: unknown, lang: Lang): string {
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS_")) throw e;
  const message = String((e as Error).message);
  const option = optionNamed(message);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option !== undefined)
    return text(lang, "unknownOption", { option });
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option !== undefined) {
    if (/does not take an argument/.test(message)) return text(lang, "optionTakesNoValue", { option });
    if (/ambiguous/.test(message)) return text(lang, "optionValueDash", { option });
    return text(lang, "optionNeedsValue", { option });
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL" && option !== undefined)
    return text(lang, "tooMany", { args: option });
  return text(lang, "badArguments");
}

/** node:util's parseArgs over one command's options (unknown options refused; positionals allowed unless
 *  `allowPositionals` is false); a refusal becomes `fail(our message for it + the see-help line)`, so each
 *  command keeps its own error class. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  options: O,
  lang: Lang,
  fail: (message: string) => Error,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    throw fail(`${argumentError(e, lang)}\n${text(lang, "seeHelp")}`);
  }
}
