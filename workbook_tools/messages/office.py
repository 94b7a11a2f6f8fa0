"""The office workbook (check -o) and return notes: key -> (中文, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # 退回修改意见
    "office.notes.your_report": ("你单位", "Your agency"),
    "office.notes.year": ("{year}年度", "{year} "),
    "office.notes.head": ("{agency}：经审核，报送的{period}政府信息公开工作年度报告有 {errors} 处错误、{warnings} 处需核实，"
                          "请按以下意见修改后重新报送。",
                          "{agency}: the {period}annual report on government information disclosure has {errors} error(s) "
                          "and {warnings} point(s) to verify; please correct it as follows and send it again."),
    "office.notes.head_errors": ("{agency}：经审核，报送的{period}政府信息公开工作年度报告有 {errors} 处错误，"
                                 "请按以下意见修改后重新报送。",
                                 "{agency}: the {period}annual report on government information disclosure has {errors} error(s); "
                                 "please correct it as follows and send it again."),
    "office.notes.head_warnings": ("{agency}：经审核，报送的{period}政府信息公开工作年度报告有 {warnings} 处需核实，"
                                   "请核实后确认或修改。",
                                   "{agency}: the {period}annual report on government information disclosure has {warnings} point(s) "
                                   "to verify; please check them and confirm or correct."),
    "office.notes.none": ("{agency}：经审核，报送的{period}政府信息公开工作年度报告未发现问题。",
                          "{agency}: no problems were found in the {period}annual report on government information disclosure."),
    "office.notes.errors": ("须修改的错误（{n} 处）：", "Errors to correct ({n}):"),
    "office.notes.warnings": ("请核实的问题（{n} 处）：", "Points to verify ({n}):"),
    "office.notes.place": ("【{place}】", "[{place}]"),
    "office.notes.item": ("{n}. {text}", "{n}. {text}"),
    "office.notes.cell": ("{where}应为 {expected}，现为 {actual}（{rule}）。", "{where}: should be {expected}, is {actual} ({rule})."),
    "office.notes.more": ("……另有 {n} 处，详见“问题明细”。", "… {n} more, see the findings sheet."),
    "office.notes.general": ("其他", "General"),
    "office.notes.unreadable": ("报送的文件无法读取（{reason}），请处理后重新报送。",
                                "The file sent cannot be read ({reason}); please fix it and send it again."),
    # 催报
    "office.remind.by": ("{unit}：你单位尚未报送{period}政府信息公开工作年度报告，请于{deadline}前报送。",
                         "{unit}: your {period}annual report on government information disclosure has not been received; "
                         "please send it by {deadline}."),
    "office.remind.soon": ("{unit}：你单位尚未报送{period}政府信息公开工作年度报告，请尽快报送。",
                           "{unit}: your {period}annual report on government information disclosure has not been received; "
                           "please send it as soon as possible."),
    "office.notes.all_clear": ("所有报告均已通过校验，无需退回。", "Every report passed; nothing needs to go back."),
    "office.remind.none": ("名单中的单位均已报送。", "Every unit on the roster has submitted."),
    # the workbook
    "office.title": ("{period}政府信息公开工作年度报告汇总校验", "Check of the {period}annual reports on government information disclosure"),
    "office.footer": ("&C第 &P 页，共 &N 页", "&CPage &P of &N"),
    "office.band.due": ("应报", "due"),
    "office.band.sent": ("已报", "submitted"),
    "office.band.missing": ("未报送", "not submitted"),
    "office.band.files": ("收到文件", "files received"),
    "office.total": ("合计（{n} 个文件）", "total ({n} files)"),
    "office.sheet.notes": ("退回修改意见", "revision notes"),
    "office.sheet.remind": ("催报", "reminders"),
    "office.sheet.overview": ("一图读懂", "at a glance"),
    "office.sheet.data": ("图表数据", "chart data"),
    "office.col.notes": ("退回修改意见", "revision notes"),
    "office.col.remind": ("催报通知", "reminder"),
    "office.overview.title": ("{period}政府信息公开工作年度报告一图读懂", "The {period}annual reports at a glance"),
    "office.overview.basis": ("以下数字为 {valid} 份通过校验的报告之和（共收到 {files} 个文件；有错误、未填写或无法读取的未计入）。",
                              "Figures are the sums over the {valid} valid reports ({files} files received; files with errors, "
                              "not filled in or unreadable are left out)."),
    "office.overview.files": ("收到文件", "files received"),
    "office.overview.no_units": ("没有通过校验的报告，暂无各单位数字。", "No valid report yet, so no figures per unit."),
    "office.chart.status": ("报告校验情况", "How the reports fared"),
    "office.chart.units_all": ("各单位本年新收与办结申请（{n} 个单位）", "Applications received and closed per unit ({n} units)"),
    "office.chart.units": ("各单位本年新收与办结申请（前 {n} 个单位）", "Applications received and closed per unit (top {n})"),
}
