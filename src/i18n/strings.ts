/**
 * The task pane's dictionary: every string the pane shows, in zh-CN and en-US. Both languages have
 * exactly the same keys (checked by test/taskpane/i18n.test.ts). `{name}` placeholders are filled by
 * `t()` in ./index.ts. Pure data (the command line build compiles this folder too).
 */

export const ZH_CN = {
  "app.title": "绩效评价助手",
  "app.tagline": "财政支出绩效评价：识别表格、计算得分、标出问题",
  "app.iconAlt": "绩效评价助手图标",
  "lang.switch": "English",
  "lang.switchLabel": "Switch the pane to English",

  "host.noExcel.title": "请在 Excel 中打开",
  "host.noExcel.body":
    "绩效评价助手是 Excel 加载项，只能在 Excel（Windows、Mac 或网页版）中使用。请在 Excel 中打开评价工作簿，然后点击 开始 → 绩效评价助手。",
  "host.noOffice.title": "未能加载 Office 脚本",
  "host.noOffice.body":
    "任务窗格没有加载到 Office.js（https://appsforoffice.microsoft.com）。请检查网络或代理设置，然后关闭并重新打开任务窗格。",
  "host.loading": "正在连接 Excel…",

  "tab.score": "评分",
  "tab.settings": "设置",

  "found.title": "识别到的表格",
  "found.loading": "正在读取工作簿…",
  "found.table": "{kind}：工作表“{sheet}”，表头在第\u00a0{row}\u00a0行",
  "found.none": "没有识别到任何表格。",
  "found.missingTitle": "未找到的表格",
  "found.refresh": "重新识别",

  "kind.budget": "预算执行表",
  "kind.structure": "支出结构表",
  "kind.indicators": "指标评分表",
  "kind.targets": "绩效目标表",
  "kind.checklist": "管理情况检查表",
  "kind.finalAccounts": "收入支出决算总表",
  "kind.sangong": "“三公”经费表",

  "missing.budget":
    "预算执行表：在任一工作表中放一行表头，包含“资金来源”“年初预算数”“预算调整数”“调整后预算数”“决算数”“全年实际支出数”等列，每个资金来源一行，最后可加“合计”行。",
  "missing.structure":
    "支出结构表：表头为“支出类型 | 决算数”，各行为基本支出、项目支出和合计，可放在预算执行表下方。",
  "missing.indicators":
    "指标评分表：表头包含“一级指标”“二级指标”“三级指标”“分值”“得分”，可加“指标性质”“目标值”“实际值”“评分标准”；一级、二级指标可合并单元格。",
  "missing.targets":
    "绩效目标表：表头包含“项目名称”“一级指标”“二级指标”“三级指标”“指标值”“度量单位”，每个指标一行。",
  "missing.checklist": "管理情况检查表：表头为“检查事项 | 结论 | 说明 | 依据”，结论填“是”或“否”。",
  "missing.finalAccounts":
    "收入支出决算总表：包含“本年收入合计”“本年支出合计”“年初结转和结余”“年末结转和结余”。",
  "missing.sangong":
    "“三公”经费表：各行为因公出国（境）费、公务用车购置及运行维护费、公务接待费和合计，列为“本年 | 上年”（或“决算数 | 上年决算数”），可加“预算数”列。",

  "score.button": "评分",
  "score.busy": "正在评分…",
  "score.progress": "评分进度",
  "stage.reading": "第 1 步 / 3：读取工作簿",
  "stage.scoring": "第 2 步 / 3：计算指标和得分",
  "stage.writing": "第 3 步 / 3：写入得分、得分率和标记",
  "stage.done": "评分完成",
  "score.written": "已写入 {written} 个单元格，标记 {marked} 处。",
  "score.skipped": "{count} 个输出单元格已有您填写的数值或公式，没有覆盖。",
  "score.marksOmitted": "问题单元格过多，另有 {count} 处未标记（错误优先标记）；全部问题仍列在下方。",
  "score.notYet":
    "尚未评分。点击“评分”计算每一项得分，并把得分、得分率、执行率、调整率、总分和等级写入工作簿。",

  "error.title": "操作没有完成",
  "error.generic": "发生了意外错误：{message}",
  "error.hint.NoExcel": "请在 Excel 中打开工作簿后再试。",
  "error.hint.SheetProtected": "请先在 审阅 → 撤销工作表保护 中取消保护，再点击“评分”。",
  "error.hint.SyncFailed": "工作簿没有被修改。请稍后再试；如果一直失败，请保存并重新打开工作簿。",
  "error.hint.TooLarge": "请删除无关的工作表或大范围的空白格式后再试。",
  "error.hint.NotFound": "工作表可能已被重命名或删除，请点击“重新识别”。",
  "error.hint.Unreadable": "请检查提示的单元格内容后再试。",
  "error.hint.WouldLoseContent": "请先另存一份副本。",
  "error.hint.unknown": "请重试；如果问题仍然存在，请保存工作簿并重新打开任务窗格。",
  "error.dismiss": "关闭提示",

  "result.title": "评分结果",
  "result.total": "总分",
  "result.max": "满分 {max} 分",
  "result.grade": "等级",
  "result.gradeLabel": "评价等级：{grade}",
  "result.levels": "一级指标得分率",
  "result.levelLabel": "{name}：{score} / {weight} 分",
  "result.levelRate": "得分率 {rate}",
  "result.noScores": "没有可评分的指标评分表。",
  "result.counts": "问题数量",
  "result.countLabel": "{severity} {count} 个",

  "severity.error": "错误",
  "severity.warning": "警告",
  "severity.info": "提示",

  "findings.title": "发现的问题",
  "findings.filter": "按严重程度筛选",
  "findings.none": "没有发现问题。",
  "findings.noneFiltered": "当前筛选条件下没有问题。",
  "findings.goto": "定位到 {place}",
  "findings.noCell": "（不对应具体单元格）",
  "findings.basis": "依据：",
  "findings.recommendation": "建议：",
  "findings.members": "涉及的单元格（{count} 处）",
  "findings.evidence": "实际值 {actual}；限值 {limit}",
  "findings.categoryCount": "{category}（{count}）",
  "findings.subjectFilter": "按评价对象筛选",
  "findings.allSubjects": "全部评价对象（{count} 个）",

  "subjects.title": "评价对象总览（{count} 个）",
  "subjects.intro": "每个项目自评表和部门整体各自评分。点击一行查看该对象的一级指标得分和问题。",
  "subjects.department": "{name}（部门整体）",
  "subjects.total": "{total} / {max} 分",
  "subjects.sheet": "工作表“{sheet}”",
  "subjects.rowLabel": "{name}：总分 {total}，等级 {grade}，错误 {errors} 个，警告 {warnings} 个",
  "subjects.back": "返回总览（{count} 个评价对象）",
  "subjects.where": "工作表：{sheets}；错误 {errors} 个，警告 {warnings} 个",
  "subjects.sheetSeparator": "、",

  "notChecked.title": "未能检查",
  "notChecked.heading": "未能检查（{count} 项）",
  "notChecked.item": "{item}：{reason}",

  "actions.title": "工作簿操作",
  "actions.summary": "插入问题汇总表",
  "actions.clear": "清除标记",
  "actions.undo": "撤销上次写入",
  "actions.summaryDone": "已插入问题汇总表“{sheet}”。",
  "actions.clearDone": "已清除 {count} 处标记，单元格原有格式保持不变。",
  "actions.undoDone": "已把 {count} 个单元格恢复为评分前的内容。",
  "actions.needScore": "请先点击“评分”。",
  "actions.report": "生成评价报告",
  "actions.reportBusy": "正在生成评价报告…",
  "actions.reportDone":
    "已生成评价报告“{file}”（Word 文档，{count} 处【请填写】需补充），请在浏览器的下载中查看。",
  "actions.reportBlocked":
    "Mac 版（及 iPad 版）Office 不允许任务窗格下载文件，无法在此保存评价报告。请保存工作簿后在命令行运行：perf-eval report 工作簿.xlsx --out 评价报告.docx",

  "settings.title": "评分设置",
  "settings.intro": "设置保存在当前工作簿中，下次打开仍然有效。",
  "settings.profile": "规则方案",
  "settings.thresholds": "预警阈值",
  "settings.executionHigh": "预算执行率上限（%）",
  "settings.executionLow": "预算执行率下限（%）",
  "settings.adjustmentWarn": "预算调整率预警线（%）",
  "settings.adjustmentError": "预算调整率错误线（%）",
  "settings.tolerance": "勾稽容差（万元）",
  "settings.scoreDisagreement": "填报得分与计算得分允许差异（分）",
  "settings.lowScoreRate": "主要失分指标：得分率低于（%）",
  "settings.grades": "等级分数线（财预〔2020〕10号）",
  "settings.gradeMin": "第 {n} 档最低分",
  "settings.gradeLabel": "第 {n} 档名称",
  "settings.qualitative": "定性指标得分区间（占分值的 %）",
  "settings.achieved": "达成",
  "settings.partial": "部分达成",
  "settings.notAchieved": "未达成",
  "settings.bandLow": "{band} 下限（%）",
  "settings.bandHigh": "{band} 上限（%）",
  "settings.reverseFormula": "反向指标（≤）计分公式",
  "settings.reverse.ratio": "目标值 ÷ 实际值 × 分值",
  "settings.reverse.deviation": "(1 − 超出比例) × 分值，最低为 0（中央绩效系统口径）",
  "settings.executionDenominator": "预算执行率的分母",
  "settings.denominator.adjusted": "调整后预算数（没有时用年初预算数）",
  "settings.denominator.initial": "年初预算数",
  "settings.save": "保存设置",
  "settings.reset": "恢复默认设置",
  "settings.saved": "设置已保存到工作簿。",
  "settings.resetDone": "已恢复默认设置并保存到工作簿。",
  "settings.invalid": "设置有误，未保存：",
  "settings.notNumber": "请输入数字。",
  "settings.loadErrors": "工作簿中保存的设置有误，已改用默认设置：",
} as const;

export type MessageKey = keyof typeof ZH_CN;

export const EN_US: Record<MessageKey, string> = {
  "app.title": "Performance Evaluation Assistant",
  "app.tagline": "Public-spending performance evaluation: find the tables, score, flag problems",
  "app.iconAlt": "Performance Evaluation Assistant icon",
  "lang.switch": "中文",
  "lang.switchLabel": "切换到中文界面",

  "host.noExcel.title": "Open this in Excel",
  "host.noExcel.body":
    "The Performance Evaluation Assistant is an Excel add-in and works only inside Excel (Windows, Mac or the web). Open your evaluation workbook in Excel, then choose Home → 绩效评价助手.",
  "host.noOffice.title": "Office.js could not be loaded",
  "host.noOffice.body":
    "The task pane could not load Office.js (https://appsforoffice.microsoft.com). Check your network or proxy settings, then close and reopen the task pane.",
  "host.loading": "Connecting to Excel…",

  "tab.score": "Score",
  "tab.settings": "Settings",

  "found.title": "Tables found",
  "found.loading": "Reading the workbook…",
  "found.table": "{kind}: sheet “{sheet}”, header on row {row}",
  "found.none": "No tables were recognised.",
  "found.missingTitle": "Tables not found",
  "found.refresh": "Look again",

  "kind.budget": "Budget execution table",
  "kind.structure": "Expenditure structure table",
  "kind.indicators": "Indicator scoring table",
  "kind.targets": "Performance targets table",
  "kind.checklist": "Management checklist",
  "kind.finalAccounts": "Final accounts summary",
  "kind.sangong": "“Three public expenses” table (三公经费)",

  "missing.budget":
    "Budget table: put one header row on any sheet with columns such as 资金来源 (source), 年初预算数 (initial), 预算调整数 (adjustment), 调整后预算数 (adjusted), 决算数 (final accounts) and 全年实际支出数 (actual), one row per funding source, optionally a 合计 (total) row.",
  "missing.structure":
    "Expenditure structure: a header 支出类型 | 决算数 with rows 基本支出 (basic), 项目支出 (project) and 合计 (total); it may sit below the budget table.",
  "missing.indicators":
    "Indicator table: a header with 一级指标, 二级指标, 三级指标, 分值 (weight) and 得分 (score), optionally 指标性质, 目标值, 实际值 and 评分标准; level labels may be merged cells.",
  "missing.targets":
    "Targets table: a header with 项目名称 (project), 一级指标, 二级指标, 三级指标, 指标值 (target value) and 度量单位 (unit), one row per indicator.",
  "missing.checklist":
    "Checklist: a header 检查事项 | 结论 | 说明 | 依据, with 是 (yes) or 否 (no) as the conclusion.",
  "missing.finalAccounts":
    "Final accounts summary: rows 本年收入合计, 本年支出合计, 年初结转和结余 and 年末结转和结余 (income, spending, carried in and out).",
  "missing.sangong":
    "“Three public expenses” table: rows 因公出国（境）费 (travel abroad), 公务用车购置及运行维护费 (official vehicles), 公务接待费 (official reception) and 合计 (total), columns 本年 | 上年 (this year, last year) or 决算数 | 上年决算数, optionally a 预算数 (budget) column.",

  "score.button": "Score workbook",
  "score.busy": "Scoring…",
  "score.progress": "Scoring progress",
  "stage.reading": "Step 1 of 3: reading the workbook",
  "stage.scoring": "Step 2 of 3: computing metrics and scores",
  "stage.writing": "Step 3 of 3: writing scores, rates and marks",
  "stage.done": "Scoring finished",
  "score.written": "Wrote {written} cells and marked {marked} areas.",
  "score.skipped": "{count} output cells already hold your own values or formulas and were left alone.",
  "score.marksOmitted":
    "Too many flagged cells: {count} more were not marked (errors are marked first); every finding is still listed below.",
  "score.notYet":
    "Not scored yet. Click “Score workbook” to compute every indicator and write scores, rates, execution and adjustment rates, the total and the grade into the workbook.",

  "error.title": "That did not finish",
  "error.generic": "Something unexpected happened: {message}",
  "error.hint.NoExcel": "Open the workbook in Excel and try again.",
  "error.hint.SheetProtected":
    "Unprotect the sheet first (Review → Unprotect Sheet), then click “Score workbook”.",
  "error.hint.SyncFailed":
    "The workbook was not changed. Try again in a moment; if it keeps failing, save and reopen the workbook.",
  "error.hint.TooLarge": "Remove unrelated sheets or large blank formatted areas and try again.",
  "error.hint.NotFound": "A sheet may have been renamed or deleted; click “Look again”.",
  "error.hint.Unreadable": "Check the cell named in the message and try again.",
  "error.hint.WouldLoseContent": "Save a copy of the workbook first.",
  "error.hint.unknown": "Try again; if the problem stays, save the workbook and reopen the task pane.",
  "error.dismiss": "Dismiss",

  "result.title": "Result",
  "result.total": "Total",
  "result.max": "out of {max}",
  "result.grade": "Grade",
  "result.gradeLabel": "Grade: {grade}",
  "result.levels": "Score rate by first-level indicator",
  "result.levelLabel": "{name}: {score} of {weight}",
  "result.levelRate": "rate {rate}",
  "result.noScores": "No indicator table could be scored.",
  "result.counts": "Findings by severity",
  "result.countLabel": "{severity}: {count}",

  "severity.error": "Error",
  "severity.warning": "Warning",
  "severity.info": "Info",

  "findings.title": "Findings",
  "findings.filter": "Filter by severity",
  "findings.none": "No findings.",
  "findings.noneFiltered": "No findings match this filter.",
  "findings.goto": "Go to {place}",
  "findings.noCell": "(not tied to one cell)",
  "findings.basis": "Basis: ",
  "findings.recommendation": "Recommendation: ",
  "findings.members": "Cells involved ({count})",
  "findings.evidence": "actual {actual}; limit {limit}",
  "findings.categoryCount": "{category} ({count})",
  "findings.subjectFilter": "Filter by subject",
  "findings.allSubjects": "All subjects ({count})",

  "subjects.title": "Subjects ({count})",
  "subjects.intro":
    "Each project’s self-evaluation form and the department are scored on their own. Click a row for its scores by first-level indicator and its findings.",
  "subjects.department": "{name} (department)",
  "subjects.total": "{total} of {max}",
  "subjects.sheet": "sheet “{sheet}”",
  "subjects.rowLabel": "{name}: total {total}, grade {grade}, {errors} errors, {warnings} warnings",
  "subjects.back": "Back to the overview ({count} subjects)",
  "subjects.where": "Sheets: {sheets}; {errors} errors, {warnings} warnings",
  "subjects.sheetSeparator": ", ",

  "notChecked.title": "Not checked",
  "notChecked.heading": "Not checked ({count})",
  "notChecked.item": "{item}: {reason}",

  "actions.title": "Workbook actions",
  "actions.summary": "Insert findings summary",
  "actions.clear": "Clear marks",
  "actions.undo": "Undo last write",
  "actions.summaryDone": "Inserted the findings summary sheet “{sheet}”.",
  "actions.clearDone": "Cleared {count} marked areas; your own formatting is unchanged.",
  "actions.undoDone": "Restored {count} cells to what they held before scoring.",
  "actions.needScore": "Click “Score workbook” first.",
  "actions.report": "Build evaluation report",
  "actions.reportBusy": "Building the evaluation report…",
  "actions.reportDone":
    "Built the evaluation report “{file}” (a Word document with {count} placeholders to complete); find it in your downloads.",
  "actions.reportBlocked":
    "Office for Mac (and iPad) does not let a task pane download files, so the report cannot be saved from here. Save the workbook and run on the command line: perf-eval report workbook.xlsx --out report.docx",

  "settings.title": "Scoring settings",
  "settings.intro": "Settings are saved in this workbook and apply the next time it is opened.",
  "settings.profile": "Rule profile",
  "settings.thresholds": "Thresholds",
  "settings.executionHigh": "Budget execution rate, upper limit (%)",
  "settings.executionLow": "Budget execution rate, lower limit (%)",
  "settings.adjustmentWarn": "Budget adjustment rate, warning line (%)",
  "settings.adjustmentError": "Budget adjustment rate, error line (%)",
  "settings.tolerance": "Cross-check tolerance (10k yuan)",
  "settings.scoreDisagreement": "Allowed difference, entered vs computed score (points)",
  "settings.lowScoreRate": "Main lost points: score rate below (%)",
  "settings.grades": "Grade bands (财预〔2020〕10号)",
  "settings.gradeMin": "Band {n}: lowest total",
  "settings.gradeLabel": "Band {n}: name",
  "settings.qualitative": "Qualitative score bands (% of the weight)",
  "settings.achieved": "Achieved",
  "settings.partial": "Partly achieved",
  "settings.notAchieved": "Not achieved",
  "settings.bandLow": "{band}, from (%)",
  "settings.bandHigh": "{band}, to (%)",
  "settings.reverseFormula": "Reverse (≤) indicators: formula",
  "settings.reverse.ratio": "target ÷ actual × weight",
  "settings.reverse.deviation": "(1 − overrun share) × weight, at least 0 (central system)",
  "settings.executionDenominator": "Budget execution rate: denominator",
  "settings.denominator.adjusted": "Adjusted budget (initial budget when absent)",
  "settings.denominator.initial": "Initial budget",
  "settings.save": "Save settings",
  "settings.reset": "Reset to defaults",
  "settings.saved": "Settings saved in the workbook.",
  "settings.resetDone": "Defaults restored and saved in the workbook.",
  "settings.invalid": "Not saved — please fix:",
  "settings.notNumber": "Enter a number.",
  "settings.loadErrors": "The settings saved in this workbook are invalid; the defaults are used instead:",
};
