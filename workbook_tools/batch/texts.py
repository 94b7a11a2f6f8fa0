"""Wording of the batch commands, Chinese and English side by side (one key, two texts)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # file status
    "status.ok": ("通过", "valid"),
    "status.errors": ("有错误", "errors"),
    "status.unfilled": ("未填写", "not filled in"),
    "status.unreadable": ("无法读取", "unreadable"),
    # roster status
    "roster.submitted": ("已报送", "submitted"),
    "roster.missing": ("未报送", "not submitted"),
    "roster.duplicate": ("重复报送", "submitted twice"),
    "roster.unknown": ("名单外", "not on the roster"),
    "roster.unidentified": ("无法确定单位", "agency unknown"),
    "how.exact": ("名称一致", "same name"),
    "how.contained": ("名称包含", "name contained"),
    "how.stem": ("按文件名", "by file name"),
    # reasons a file could not be checked
    "reason.timeout": ("检查超时（超过 {seconds} 秒），已跳过此文件。", "checking took longer than {seconds} s; the file was skipped."),
    "reason.worker-died": ("检查此文件时工作进程意外退出（文件可能已损坏或构造异常），已跳过。",
                           "the worker process died while checking this file (damaged or malformed file); skipped."),
    "reason.internal": ("检查此文件时程序出错（{detail}），已跳过；请将此文件报告给维护者。",
                        "the program failed on this file ({detail}); skipped. Please report the file."),
    "reason.too-complex": ("文件结构过深或过大，无法读取。", "the file is nested too deeply or is too large to read."),
    "reason.not-a-file": ("不是普通文件（可能是文件夹、设备或管道）。", "not a regular file (a folder, device or pipe)."),
    "reason.xls": ("这是旧版 Excel 97-2003（.xls）或 WPS（.et）文件，请在 Excel/WPS 中另存为“Excel 工作簿(*.xlsx)”后重新报送。",
                   "an old Excel 97-2003 (.xls) or WPS (.et) file: save it as an Excel workbook (*.xlsx) and send it again."),
    "reason.ods": ("这是 OpenDocument 表格（.ods），请另存为“Excel 工作簿(*.xlsx)”后重新报送。",
                   "an OpenDocument spreadsheet (.ods): save it as an Excel workbook (*.xlsx) and send it again."),
    "reason.no-xlsx-reader": ("本版本尚不能读取 Excel 工作簿（{ext}）；请转为报告 JSON 或逐格 CSV 后再检查。",
                              "this version cannot read Excel workbooks ({ext}) yet; convert it to report JSON or tidy CSV first."),
    # notes on a file row
    "note.duplicate": ("与 {others} 为同一单位", "same agency as {others}"),
    "note.year": ("年度为 {year}，本批多数为 {majority}", "year {year}, most of this batch is {majority}"),
    "note.no_previous": ("未找到上年报告", "no report of last year found"),
    "note.previous_ambiguous": ("上年报告有多份可能对应：{names}", "several of last year's reports could match: {names}"),
    "note.previous_unreadable": ("上年报告无法读取：{reason}", "last year's report is unreadable: {reason}"),
    "note.roster_ambiguous": ("名单中有多个可能对应的单位：{names}", "several roster entries could match: {names}"),
    "note.no_agency": ("报告未填写单位名称", "the report names no agency"),
    # key figures (column headers)
    "fig.new": ("本年新收", "received"),
    "fig.carried_in": ("上年结转", "carried in"),
    "fig.closed": ("本年办结", "closed"),
    "fig.carried_out": ("结转下年", "carried forward"),
    "fig.review": ("行政复议", "admin. reviews"),
    "fig.litigation": ("行政诉讼", "lawsuits"),
    # column headers
    "col.no": ("序号", "no."),
    "col.file": ("文件", "file"),
    "col.agency": ("单位", "agency"),
    "col.roster_name": ("名单单位", "roster entry"),
    "col.roster_status": ("报送情况", "submission"),
    "col.match": ("匹配方式", "matched"),
    "col.status": ("状态", "status"),
    "col.errors": ("错误", "errors"),
    "col.warnings": ("警告", "warnings"),
    "col.infos": ("提示", "notes"),
    "col.reason": ("无法读取的原因", "why unreadable"),
    "col.year": ("年度", "year"),
    "col.edition": ("版式", "edition"),
    "col.profile": ("省级扩展", "profile"),
    "col.previous": ("上年报告", "last year's file"),
    "col.application": ("创建程序", "created with"),
    "col.notes": ("备注", "notes"),
    "col.rule": ("规则", "rule"),
    "col.severity": ("级别", "severity"),
    "col.title": ("规则名称", "rule name"),
    "col.table": ("表", "table"),
    "col.block": ("栏目", "block"),
    "col.row": ("行", "row"),
    "col.col": ("列", "column"),
    "col.where": ("位置（工作表!单元格）", "where (sheet!cell)"),
    "col.expected": ("应为", "expected"),
    "col.actual": ("实为", "actual"),
    "col.message": ("说明", "message"),
    "col.files": ("文件", "files"),
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "severity.info": ("提示", "note"),
    # sheet names (≤ 31 characters, no []:*?/\)
    "sheet.files": ("汇总", "summary"),
    "sheet.findings": ("问题明细", "findings"),
    "sheet.roster": ("报送情况", "submissions"),
    "sheet.about": ("说明", "about"),
    # sibling CSV files
    "csv.findings": ("问题明细", "findings"),
    "csv.roster": ("报送情况", "submissions"),
    # terminal summary
    "sum.checked": ("已检查 {n} 个文件：通过 {ok}，有错误 {errors}，未填写 {unfilled}，无法读取 {unreadable}；共 {e} 个错误、{w} 个警告。",
                    "checked {n} files: {ok} valid, {errors} with errors, {unfilled} not filled in, {unreadable} unreadable; {e} errors and {w} warnings in all."),
    "sum.unfilled": ("未填写：", "not filled in:"),
    "sum.roster": (("名单 {n} 家：已报送 {submitted}，未报送 {missing}，重复报送 {duplicate}；名单外文件 {unknown} 个，"
                    "无法确定单位的文件 {unidentified} 个。"),
                   ("roster of {n}: {submitted} submitted, {missing} not submitted, {duplicate} submitted twice; "
                    "{unknown} files not on the roster, {unidentified} files of unknown agency.")),
    "sum.missing": ("未报送：", "not submitted: "),
    "sum.unknown": ("名单外：", "not on the roster:"),
    "sum.duplicates": ("重复报送：", "submitted twice:"),
    "sum.unreadable": ("无法读取：", "unreadable:"),
    "sum.with_errors": ("有错误：", "with errors:"),
    "sum.n_errors": ("{n} 个错误", "{n} error(s)"),
    "sum.more": ("……另有 {n} 项，详见输出文件", "… {n} more, see the output file"),
    "sum.more_no_output": ("……另有 {n} 项（用 -o 输出完整汇总）", "… {n} more (write the full summary with -o)"),
    "progress": ("已检查 {done}/{total}", "checked {done}/{total}"),
    "progress.previous": ("读取上年报告 {done}/{total}", "reading last year's reports {done}/{total}"),
    # about sheet
    "about.generated": ("生成时间", "generated"),
    "about.tool": ("工具", "tool"),
    "about.inputs": ("检查的文件夹或文件", "folders or files checked"),
    "about.roster": ("单位名单", "roster"),
    "about.previous": ("上年报告文件夹", "last year's folder"),
    "about.previous_unreadable": ("无法读取的上年报告", "unreadable reports of last year"),
    "about.exit": ("说明", "meaning"),
    "about.exit_text": ("“有错误”“未填写”或“无法读取”的文件都需要退回修改；“警告”和“提示”请酌情核实。未报送和重复报送不影响退出码。",
                        ("files with errors, not filled in or that cannot be read must be sent back; check warnings and notes as needed. "
                         "Missing and duplicate submissions do not change the exit code.")),
    # merge
    "merge.included": ("已汇总 {n} 个单位（{year} 年度，{edition}）：{names}", "added up {n} agencies ({year}, {edition}): {names}"),
    "merge.result": ("汇总结果校验：{verdict}（{counts}）", "check of the sum: {verdict} ({counts})"),
    "merge.inputs_with_errors": ("以下单位的报告本身有错误，汇总数可能不平：", "these agencies' own reports have errors, so the sum may not balance:"),
}


def t(key: str, lang: str = "zh", **params) -> str:
    zh, en = TEXTS[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text
