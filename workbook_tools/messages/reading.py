"""Read notes (readnotes.py): how a report was read and what the reader inferred, zh and en."""

TEXTS = {
    "reading.app": ("创建程序：{app}", "written by: {app}"),
    "reading.template": ("按模板的单元格映射读取（模板 {version} 版，{edition}）",
                         "read through the template's cell map (template {version}, {edition})"),
    "reading.by_labels": ("不是本工具生成的模板，按官方表格标签识别读取（识别为{edition}）",
                          "not a template of this toolkit: read by the official table labels (recognised as the {edition})"),
    "reading.beyond": ("工作表“{sheet}”超出 {rows} 行 × {cols} 列的部分未读取",
                       "sheet “{sheet}”: what lies beyond {rows} rows × {cols} columns was not read"),
    "reading.problem": ("{problem}", "{problem}"),
    "reading.cells_missing": ("{n} 个单元格未读到", "{n} cell(s) not found"),
    "reading.imported": ("导入：{kind} 文档；识别版式：{edition}（{id}）",
                         "imported: {kind} document; layout recognised: {edition} ({id})"),
    "reading.unaligned": ("未能对齐：{problem}", "could not be aligned: {problem}"),
    "reading.partial": ("部分导入：{n} 个单元格未能读取（{cells}）", "partly imported: {n} cell(s) could not be read ({cells})"),
    "reading.csv_layout": ("按标签识别版式：{edition}（{id}）", "layout recognised by its labels: {edition} ({id})"),
    "reading.merged": ("汇总自 {n} 个单位的报告。", "the sum of the reports of {n} units."),
    "reading.counted": ("计入：{unit}（{file}）", "counted: {unit} ({file})"),
    "reading.merge_missing": ("{unit} 的报告缺少 {n} 个单元格，按 0 计入。",
                              "the report of {unit} lacks {n} cell(s), counted as 0."),
    "reading.merge_year": ("{unit} 未填写报告年度，按 {year} 年度汇总。", "{unit} gave no report year: summed as {year}."),
    "reading.year_from_period": ("报告年度取自统计期限“{period}”。", "the report year is taken from the period “{period}”."),
    "reading.cleaned": ("{n} 处文字含有无法写入文件的字符（控制字符、孤立的代理码位或 U+FFFE/U+FFFF），已替换为 {mark}：{places}",
                        "{n} text(s) held characters no file can carry (control characters, lone surrogates or "
                        "U+FFFE/U+FFFF), replaced by {mark}: {places}"),
    "reading.year_from_date": ("报告年度未写明，按成文日期 {date} 推定为上一年。",
                               "the report year is not stated: taken as the year before the signature date {date}."),
}
