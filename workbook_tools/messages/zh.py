"""中文措辞。{loc} 为“表三「…」行「…」列”形式的位置；{expected}/{actual}/{diff} 为期望值、实际值、差额。"""

SECTION = "第{section}部分"
TABLE = "{table}"
BLOCK = "「{block}」"
ROW = "「{row}」行"
COL = "「{col}」列"
JOIN = ""
WHERE = "（{where}）"

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}

TITLES = {
    "S01": "版式与报告年度相符", "S02": "六个部分齐全且顺序正确", "S03": "部分标题规范",
    "S04": "表二（2021版）结构完整", "S05": "表二（2019版）结构完整", "S06": "表三结构完整", "S07": "表四结构完整",
    "S08": "无格式以外的行列", "S09": "表三勾稽说明", "S10": "标签文字规范",
    "V01": "数值类型正确", "V02": "无空白单元格", "V03": "无“—”“无”等占位符", "V04": "金额单位明确",
    "V05": "数字书写规范", "V06": "收费金额单位合理",
    "A01": "表三各行总计", "A02": "表三（七）总计", "A03": "表三勾稽关系", "A04": "表四总计",
    "A05": "上年结转与上年报告一致", "A06": "上一年项目数量连续", "A07": "现行有效件数连续",
    "A08": "数值合理性", "A09": "分渠道统计合计", "A10": "省级扩展表勾稽",
    "N01": "正文申请数字与表三一致", "N02": "正文复议诉讼数字与表四一致", "N03": "正文规章规范性文件数与表二一致",
    "N04": "报告信息处理费", "N05": "收费通知与表三一致", "N06": "上年问题整改情况", "N07": "考核评议追究情况",
    "N08": "总体情况五方面内容", "N09": "与上年报告雷同", "N10": "第五、六部分不空泛", "N11": "年份一致",
    "P01": "标题规范", "P02": "按时发布", "P03": "统计期限说明", "P04": "署名与成文日期", "P05": "表格可机读",
    "P06": "公文版式",
    "W01": "模板版本一致", "W02": "工作表未被改动", "W03": "公式未被覆盖", "W04": "工作簿已重新计算",
}

MESSAGES = {
    "S01.year": "{year}年度报告应使用{want}（{want_document}），而此报告为{layout}（{document}）。",
    "S01.unofficial": "此报告使用{layout}，不是国办规定的任何一版格式。{notes}",
    "missing.row": "{loc}缺失。",
    "missing.col": "{loc}缺失。",
    "missing.cell": "{loc}缺失。",
    "S02.missing": "未找到第{section}部分“{title}”。",
    "S02.order": "各部分顺序为 {order}，应依次为一至六。",
    "S03.numbering": "第{section}部分标题写作“{written}”，规范写法以“{section}、”编号：“{title}”。",
    "S03.variant": "标题“{written}”是常见写法，规范标题为“{title}”。",
    "S03.differs": "标题“{written}”与规范标题“{title}”不一致。",
    "S09": "表三缺少勾稽关系说明“{note}”。",
    "S08": "“{text}”不在全国统一格式之内（{where}），未计入任何单元格。",
    "S10": "标签“{written}”与规范文字不一致，已按“{canonical}”识别（{where}）。",
    "V01.invalid": "{loc}应填数字，实为“{raw}”。",
    "V01.fraction": "{loc}应为整数，实为“{raw}”。",
    "V01.negative": "{loc}不能为负数，实为“{raw}”。",
    "V02": "{loc}为空白，按 0 计算；请填写 0。",
    "V03": "{loc}填写了“{raw}”，按 0 计算；请填写数字 0。",
    "V04.converted": "{loc}写作“{raw}”，已按{unit}换算为 {value}；表头单位为{unit}，单元格内只填数字。",
    "V04.in_cell": "{loc}的单位写在单元格内（“{raw}”）；请只填数字，单位在表头注明。",
    "V04.no_unit": "{loc}未注明单位（元或万元），金额“{raw}”含义不明确。",
    "V05": "{loc}“{raw}”已按 {value} 识别（全角数字、千分位、正号或单位）；请直接填写阿拉伯数字。",
    "A01": "{loc}：总计应为 {expected}（自然人与法人或其他组织各列之和），实为 {actual}，相差 {diff}。",
    "A02": "{loc}：（七）总计应为 {expected}（各项办理结果之和），实为 {actual}，相差 {diff}。",
    "A03": "{loc}：一 + 二 = {lhs}，三（七）总计 + 四 = {rhs}，勾稽关系不平，相差 {diff}。",
    "A04": "{loc}：总计应为 {expected}（结果维持 + 结果纠正 + 其他结果 + 尚未审结），实为 {actual}，相差 {diff}。",
    "A05": "{loc}：本年上年结转为 {actual}，上年报告“四、结转下年度继续办理”为 {expected}，相差 {diff}。",
    "A05.year": "所附上年报告为 {previous} 年度，而本报告为 {year} 年度（应为 {year} 年的上一年）。",
    "A06": "{loc}：本年填 {actual}，按上年报告（上一年项目数量 + 本年增/减）应为 {expected}，相差 {diff}。",
    "A07": "{loc}：本年填 {actual}，按上年现行有效件数 + 本年制发件数 − 本年废止件数 应约为 {expected}，相差 {diff}。",
    "A10": "{loc}：按“{rule_text}”应为 {expected}，实为 {actual}，相差 {diff}。",
    "N04": "第六部分未报告政府信息公开信息处理费的收取情况（未收取也应写明）。",
    "N05.unreported": "{loc}为 {count} 件（逾期未缴费），说明发出过收费通知，但第六部分未报告收费情况。",
    "N05.no_applications": "第六部分称“{amount}”，但表三本年新收和上年结转申请均为 0。",
    "N10.empty": "第{section}部分没有内容。",
    "N10.boilerplate": "第{section}部分只有“{text}”，内容空泛。",
    "N11.title": "标题中的年份 {found} 与报告年度 {year} 不一致。",
    "N11.text": "总体情况中“{text}…”写的是 {found} 年，报告年度为 {year} 年。",
    "P01.phrase": "标题“{title}”未包含“政府信息公开工作年度报告”。",
    "P01.year": "标题“{title}”未写明四位年份。",
    "P01.agency": "标题“{title}”未包含机关名称“{agency}”。",
    "P02": "{which} {date} 晚于法定发布期限 {deadline}（《政府信息公开条例》第四十九条）。",
    "P03.missing": "未找到统计期限说明（如“本报告中所列数据统计期限为{year}年1月1日至12月31日”）。",
    "P03.wrong": "统计期限说明“{found}”与报告年度 {year} 不符。",
    "P01.no_year": "未能确定报告年度（标题、导语、统计期限和落款中都没有写明）；与年度有关的检查（S01 版式与年度、P02 按时发布、P03 统计期限、N11 年份一致）未执行。请在标题中写明年度。",
    "P03.partial": "统计期限为“{found}”（{start} 至 {end}），不是{year}年全年；如因机构调整等原因只统计部分时段，请在报告中说明。",
}

TEXTS = {
    "skipped.previous": "未提供上年报告（--previous），跨年度规则 A05–A07 与 N09 未检查。",
    "skipped.narrative": "报告不含正文，正文与发布类规则未检查。",
    "result.pass": "通过",
    "result.fail": "未通过",
    "summary": "{errors} 个错误，{warnings} 个警告，{infos} 条提示",
    "layout": "版式",
    "profile": "省级扩展",
    "no_findings": "未发现问题。",
    "file": "文件",
}

# 正文数字与表格（N01–N03）、正文覆盖与雷同（N06–N09）、--explain 的说明文字。
_FIGURE_MESSAGES = {
    "": "{part}“{quote}”中写 {figure}，而{loc}为 {expected}，相差 {diff}。",
    ".sum": "{part}“{quote}”中写 {figure}，而{loc}等 {n} 格（{rows}；{cols}）之和为 {expected}，相差 {diff}。",
    ".approx": "{part}“{quote}”中写 {figure}，与{loc}的 {expected} 不符。",
    ".scope": "{part}“{quote}”中写 {figure}（“{scope}”范围），{loc}为 {expected}；若二者口径不同，可忽略此提示。",
    ".percent": "{part}“{quote}”中写 {figure}，按{loc}（{rows}）{num} ÷ {base} {den} 计算为 {computed}%。",
    ".claim": "{part}称“{claim}”（“{quote}”），但{loc}（{rows}；{cols}）合计为 {expected}。",
}
MESSAGES.update({rule + k: v for rule in ("N01", "N02", "N03") for k, v in _FIGURE_MESSAGES.items()})
MESSAGES.update({
    "W01.version": "此工作簿由 {found} 版模板生成，当前模板为 {current} 版；已按其中的单元格映射读取，请改用新模板。",
    "W01.declaration": "生成此模板时的格式定义与当前版本不同（{found} ≠ {current}）；请核对各表并改用新模板。",
    "W01.edition": "模板标明的版式为“{found}”，与报告年度应使用的版式不一致。",
    "W02.renamed": "工作表“{expected}”被改名为“{found}”，已按定义名称找到。",
    "W02.missing": "缺少工作表“{expected}”，其中的内容无法读取。",
    "W02.added": "多出了工作表“{found}”，其内容未读取。",
    "W03.overwritten": "{where} 的合计公式被改成了数值 {raw}，已按所填数值校验；请恢复公式（可重新生成模板后复制数据）。",
    "W03.input_formula": "{where} 是填写单元格，却填了公式“={formula}”，已按其缓存结果 {raw} 读取；请直接填写数字。",
    "W04.stale": "{where} 保存的合计 {cached} 与按分项重新计算的 {computed} 不一致（文件保存前未重新计算），已按重新计算的值校验。",
    "N06": "第五部分未说明上年度报告所列问题的整改情况（如“上年度问题整改情况”）。",
    "N07": "本报告为人民政府的年度报告，但正文未提及{missing}情况（《条例》第五十条第（四）项）。",
    "N08": "总体情况未涉及：{missing}（应包括{topics}）。",
    "N09": "第{section}部分与上年报告雷同：{ratio}% 的文字与上年相同（阈值 {threshold}%），如“{passage}”。",
})
TEXTS.update({
    "explain.title": "正文数字（{n} 处；一致 {match}，不一致 {mismatch}，未比较 {other}）",
    "explain.none": "正文中未找到数字。",
    "explain.match": "一致",
    "explain.mismatch": "不一致",
    "explain.not_compared": "未比较",
    "explain.no_value": "表格中无此数",
    "explain.claim": "表述",
    "explain.other_body": "说的是其他机关或下级单位（“{word}”）",
    "explain.region": "范围为“{word}”，不一致时仅作提示",
    "explain.other_year": "说的是其他年份（“{word}”）",
    "explain.other_kind": "说的是其他事项（“{word}”）",
    "explain.change": "是增减或比较数（“{word}”）",
    "explain.rate": "是平均或周期数（“{word}”）",
    "explain.ratio": "是表格无法计算的比率（“{word}”）",
    "explain.unknown_words": "含未能识别的限定词“{word}”，可能只是分项",
    "explain.no_topic": "未能确定说的是什么",
    "explain.no_verb": "未能确定是收到、办结还是结转",
    "explain.cue_mismatch": "“{word}”与所说对象不对应",
    "explain.ambiguous": "有多种可能的含义（{word}）",
    "explain.percent_base": "无法确定百分比的基数",
    "explain.no_cell": "表格中没有对应单元格",
    "explain.subset": "是“其中”之后的分项，表格没有对应的行",
    "explain.range": "是一个范围（{word}）",
})

# 正文中某一部分工作的数字（代为受理、内设机构、渠道、时段）与收费通知（N05）。
_PART_MESSAGES = {
    ".part_acting": "{part}“{quote}”中写 {figure}，这是“{scope}”代为办理的数字，{loc}为 {expected}；若代为办理的就是本机关的全部申请，请核对二者。",
    ".part_unit": "{part}“{quote}”中写 {figure}，这是“{scope}”（内设机构）的数字，{loc}为 {expected}；若其口径与本机关全表不同，可忽略此提示。",
    ".part_channel": "{part}“{quote}”中写 {figure}，这是通过“{scope}”渠道的数字，{loc}为 {expected}；若只是分项，可忽略此提示。",
    ".part_period": "{part}“{quote}”中写 {figure}，这是“{scope}”期间的数字，{loc}为 {expected}；若只是部分时段，可忽略此提示。",
}
MESSAGES.update({rule + k: v for rule in ("N01", "N02", "N03") for k, v in _PART_MESSAGES.items()})
MESSAGES.update({
    "N05.notices": "{part}“{quote}”中写发出收费通知 {figure}，而{loc}（逾期未缴费、不再处理）为 {expected} 件；每件这样的申请都发出过收费通知，通知件数不应少于 {expected}。",
    "N05.claim": "{part}称“{claim}”（“{quote}”），但{loc}（逾期未缴费、不再处理）为 {expected} 件，说明发出过收费通知。",
})
TEXTS.update({
    "explain.part": "是“{word}”这一部分的数字，不一致时仅作提示",
})

# 可信的结论：未填写的报告（S11）、不可信的年度（S01）、成片问题的合并、由总计错误引起的不平、发布前的校验。
TITLES.update({"S11": "报告已填写"})
MESSAGES.update({
    "S11.empty": "报告未填写：各表均没有填写任何数字（像是空白模板）。请填写表二至表四，没有发生的事项填 0。",
    "S11.table3": "报告未填写：{loc}没有填写任何数字（全部为空白或“—”“无”等占位符）。本年没有收到申请的，也应在各格填写 0。",
    "S01.implausible": "报告年度“{year}”不是可信的年度：应为四位数字，在 {first} 年（现行格式适用的第一个年度）至 {last} 年之间，"
                       "否则无法确定应使用的版式。",
    "V02.group": "{loc}有 {n} 个单元格为空白，按 0 计算；请填写 0。如{list}。",
    "V03.group": "{loc}有 {n} 个单元格填写了占位符而不是数字，按 0 计算；请填写数字 0。如{list}。",
    "A02.follows": "{loc}：（七）总计应为 {expected}（各项办理结果之和），实为 {actual}，相差 {diff}；"
                   "差额正是{causes}行总计的错误（见 A01）；总计改为各列之和后，此处也将平衡。",
    "A03.follows": "{loc}：一 + 二 = {lhs}，三（七）总计 + 四 = {rhs}，勾稽关系不平，相差 {diff}；"
                   "差额正是{causes}行总计的错误（见 A01）；总计改为各列之和后，此处也将平衡。",
})
TEXTS.update({
    "skipped.year": "报告年度不是可信的四位年份，按时发布（P02）与统计期限（P03）未检查。",
    "result.unfilled": "未通过：报告未填写",
    "part.sep": "、",
    "part.raw": "（“{raw}”）",
    "part.more": "等 {n} 处",
    "group.count": "（{table}共 {n} 处）",
    "group.count_all": "（共 {n} 处）",
    "group.more": "……另有 {n} 处同类问题，完整列表见 --format json。",
    "publish.refused": "报告有 {errors} 个错误，未生成 {path}。请先修正（xxgk validate 列出全部问题）；确需生成时加 --allow-errors。",
    "publish.unfilled": "报告未填写（表三没有任何数字），未生成 {path}。请先填写报告；确需生成时加 --allow-errors。",
    "publish.first": "前 {n} 个错误：",
    "publish.more": "……另有 {n} 个错误。",
    "publish.allowed": "注意：报告有 {errors} 个错误，已按 --allow-errors 照样生成，发布前请修正。",
    "wrote": "已写入 {path}",
    "read.cells": "读取单元格 {n} 个；已写入 {path}",
    "import.layout": "识别版式：{name}（{document}）",
    "import.cells": "读取单元格 {cells} 个；标签不规范 {deviations} 处；格式以外的内容 {unplaced} 处",
    "import.partial": "部分导入：",
    "import.missing": "{n} 个单元格未读到：",
    "import.complete": "完整导入",
})
