"""Command-line help and output lines: key -> (中文, English).

Keys under ``cli.click.`` translate the help scaffolding and usage errors that click prints itself
(its English text is the second item, with ``{name!r}`` written ``{name}``): the CLI looks them up by
that English text.
"""

_INPUTS_ZH = "填好的工作簿（.xlsx）、报告 JSON（.json）、逐格 CSV（.csv）或已发布的文档（.txt .md .html .docx .pdf）"
_INPUTS_EN = "a filled workbook (.xlsx), report JSON (.json), tidy CSV (.csv) or a published document (.txt .md .html .docx .pdf)"

TEXTS: dict[str, tuple[str, str]] = {
    "cli.check.deadline": ("报送截止日期（如 2025年1月31日），写入汇总工作簿的催报通知",
                           "the reporting deadline (e.g. 2025年1月31日), named in the workbook's reminders (催报)"),
    # xxgk rules
    "cli.rules.both": ("两版", "both"),
    "cli.rules.edition": ("{edition}版", "{edition}"),
    "cli.rules.todo": ("尚未实现", "not yet implemented"),
    "cli.rules.own": ("本工具规则，不在 SPEC §9 中", "the toolkit's own, not in SPEC §9"),
    # -- the program ----------------------------------------------------------------------------------
    "cli.app.help": (
        "政府信息公开工作年度报告工具：生成带保护的 Excel 填报模板，读取填好的工作簿，"
        "检查报告是否符合国办统一格式、勾稽关系及正文与表格的一致性，生成可发布的报告，读取已发布的报告，"
        "批量检查和汇总各单位的报告，与上年同比，并在工作簿、JSON、CSV 等格式之间转换。\n\n"
        "示例：\n\n"
        "  xxgk template -o 2024模板.xlsx --year 2024 --agency \"某某局\"   生成填报模板\n\n"
        "  xxgk validate 某某局2024.xlsx                    检查填好的工作簿\n\n"
        "  xxgk check 报送/ --roster 单位名单.csv -o 汇总校验.xlsx   批量检查，列出未报送单位\n\n"
        "  xxgk validate examples/dehui-2020.json          检查一份报告（JSON、CSV 或已发布的文档）\n\n"
        "  xxgk validate 2024.json --previous 2023.json    同时检查跨年度结转与文字雷同\n\n"
        "  xxgk report 2024.json -o 2024年报.docx --pdf     生成公文格式的 Word 报告和 PDF\n\n"
        "  xxgk report 2024.json -o 年报.html --figure 一图读懂.svg   同时生成“一图读懂”图片\n\n"
        "  xxgk compare 2024.json --previous 2023.json -o 对比.xlsx   与上年同比\n\n"
        "  xxgk import 已发布年报.pdf -o 2024.json          按标签读取已发布的报告\n\n"
        "  xxgk convert 报告.json -o 报告.csv               转为逐格 CSV（Excel 可直接打开）\n\n"
        "  xxgk serve --demo                               启动网页填报与审核系统\n\n"
        "  xxgk editions / xxgk rules                      查看支持的版式 / 校验规则\n\n"
        "退出码：0 无错误；1 有错误；2 输入无法使用（超过总时限也是：单个报告的命令 300 秒，check 与 merge 3600 秒，"
        "可用环境变量 XXGK_TIME_LIMIT 调整，单位为秒）。",
        "Tools for the annual government information disclosure report (政府信息公开工作年度报告): write the locked "
        "Excel template; read filled workbooks; check a report against the official format, its balances and its "
        "prose; write the publishable document; read published reports back; check and add up many reports at "
        "once; compare a year with the last; convert between workbooks, JSON and CSV.\n\n"
        "Examples:\n\n"
        "  xxgk validate examples/dehui-2020.json\n\n"
        "  xxgk report 2024.json -o report.docx --pdf --figure key-figures.svg\n\n"
        "  xxgk compare 2024.json --previous 2023.json -o compare.xlsx\n\n"
        "Exit codes: 0 no error, 1 errors found, 2 input unusable (also when a command runs past its time limit: 300 s "
        "for one report, 3600 s for check and merge; set XXGK_TIME_LIMIT in seconds).",
    ),
    "cli.opt.version": ("显示版本号并退出", "show the version and exit"),
    "cli.version": ("xxgk {version}", "xxgk {version}"),
    "cli.opt.lang": ("消息语言：zh 中文，en 英文（默认随环境变量 XXGK_LANG）",
                     "message language: zh or en (default: XXGK_LANG)"),
    "cli.opt.force": ("覆盖已存在的输出文件（默认拒绝覆盖）", "overwrite existing outputs (refused by default)"),
    "cli.opt.config": ("规则配置文件（TOML/JSON）：停用规则或调整级别", "rule configuration (TOML/JSON)"),
    "cli.opt.format": ("输出：text 可读文本，json 供程序使用", "output format: text or json"),
    "cli.metavar.options": ("[选项]", "[OPTIONS]"),
    "cli.metavar.command": ("命令 [参数]...", "COMMAND [ARGS]..."),
    "cli.metavar.report": ("报告", "REPORT"),
    "cli.metavar.input": ("输入文件", "INPUT"),
    "cli.metavar.this": ("本年报告", "THIS_YEAR"),
    "cli.metavar.published": ("已发布的报告", "PUBLISHED"),
    "cli.metavar.workbook": ("工作簿", "WORKBOOK"),
    "cli.metavar.files": ("文件或文件夹...", "FILES..."),
    # -- what the commands print ------------------------------------------------------------------------
    "cli.error": ("错误：{message}", "error: {message}"),
    "cli.timeout": ("错误：命令运行超过总时限（{limit} 秒），已停止，没有写入任何文件。"
                    "如确需更长时间，请设置环境变量 XXGK_TIME_LIMIT（秒）。",
                    "error: the command ran longer than its time limit ({limit} s) and was stopped; nothing was written. "
                    "Set XXGK_TIME_LIMIT (seconds) to allow more."),
    "cli.internal": ("内部错误（请将此信息报告给维护者）：{detail}", "internal error (please report it): {detail}"),
    "cli.no-command": ("没有命令“{name}”。", "No such command '{name}'."),
    "cli.did-you-mean": ("您是不是要找“{name}”？", " Did you mean '{name}'?"),
    "cli.serve-missing": ("错误：网页系统无法启动：{detail}。请安装网页组件（pip install 'workbook-tools[web]'）。",
                          "error: the web application cannot start: {detail}. Install the web extra "
                          "(pip install 'workbook-tools[web]')."),
    # -- validate ------------------------------------------------------------------------------------
    "cli.validate.help": ("检查一份报告：表格结构、数值、勾稽关系、正文与发布要求。\n\n"
                          "发现“错误”时退出码为 1，只有警告或提示时为 0。\n\n"
                          "示例：xxgk validate examples/dehui-2020.json --format json",
                          "Check a report: table structure, values, balances, prose and publication rules.\n\n"
                          "Exit code 1 when an error is found, 0 with warnings or notes only.\n\n"
                          "Example: xxgk validate examples/dehui-2020.json --format json"),
    "cli.validate.report": ("报告文件：" + _INPUTS_ZH, _INPUTS_EN),
    "cli.validate.previous": ("上一年度的报告，用于跨年度检查（A05–A07 结转与连续性，N09 文字雷同）",
                              "last year's report, for the cross-year rules (A05–A07, N09)"),
    "cli.validate.explain": ("列出正文中找到的每个数字及其与表格的比对情况（N01–N03）",
                             "list every figure found in the text and how it was compared with the tables"),
    # -- convert -------------------------------------------------------------------------------------
    "cli.convert.help": ("在工作簿、报告 JSON 与逐格 CSV 之间转换（也可把已发布的文档转为数据）。\n\n"
                         "CSV 为 UTF-8（带 BOM），每个单元格一行，Excel 可直接打开；没有代码列的 CSV 按表格标签识别。\n\n"
                         "示例：xxgk convert examples/dehui-2020.json -o out/dehui-2020.csv",
                         "Convert between workbooks, report JSON and tidy CSV (a published document becomes data too).\n\n"
                         "The CSV is UTF-8 with BOM, one line per cell; a CSV without code columns is placed by its labels.\n\n"
                         "Example: xxgk convert examples/dehui-2020.json -o out/dehui-2020.csv"),
    "cli.convert.source": ("输入文件：" + _INPUTS_ZH, "input: " + _INPUTS_EN),
    "cli.convert.output": ("输出文件，格式由扩展名决定（.json、.csv 或 .xlsx）",
                           "output file; format from its extension (.json, .csv or .xlsx)"),
    # -- report --------------------------------------------------------------------------------------
    "cli.report.help": ("生成可发布的年度报告：Word（公文格式）、HTML、Markdown、纯文本或 PDF。\n\n"
                        "标题、正文各部分、三张统计表（官方表头与合并单元格）、省级附加项和落款均按报告数据生成；"
                        "措辞与样式可在模板文件夹中修改。生成前先校验：报告有错误或未填写时不生成，"
                        "列出错误数和前几个错误，退出码为 1；加 --allow-errors 时照样生成，并在 stderr 提示错误数。\n\n"
                        "加 --figure 时另外生成“一图读懂”图片（.svg 或 .png）：本年主要数字与图表，可直接在网站发布。\n\n"
                        "示例：xxgk report examples/sample-county-2024.json -o 报告.docx --pdf --figure 一图读懂.png",
                        "Write the publishable report: Word (official style), HTML, Markdown, text or PDF.\n\n"
                        "It validates first: a report with errors, or never filled in, is not written (exit 1) unless "
                        "--allow-errors.  --figure also draws the year's key figures as a picture (.svg or .png).\n\n"
                        "Example: xxgk report examples/sample-county-2024.json -o report.docx --pdf --figure figures.png"),
    "cli.report.source": ("报告数据：" + _INPUTS_ZH, "report data: " + _INPUTS_EN),
    "cli.report.output": ("输出文件，格式由扩展名决定：.docx .html .md .txt .pdf",
                          "output file; format from its extension: .docx .html .md .txt .pdf"),
    "cli.report.pdf": ("同时用 LibreOffice 生成同名 PDF", "also write a PDF beside it (needs LibreOffice)"),
    "cli.report.template-dir": ("自定义模板文件夹（复制 templates/report 后修改；缺少的文件用内置模板）",
                                "folder with customised templates (a copy of templates/report)"),
    "cli.report.allow-errors": ("报告有错误（或未填写）时也照样生成（默认拒绝，退出码 1）",
                                "write the report even if it has errors or is not filled in (refused by default, exit 1)"),
    "cli.report.figure": ("另外生成“一图读懂”图片：.svg 或 .png（主要数字与柱状图，供网站发布）",
                          "also draw the key figures as a picture: .svg or .png (for the website)"),
    # -- editions, rules ----------------------------------------------------------------------------
    "cli.editions.help": ("列出支持的版式（含文号、适用年度、表格）与省级扩展。",
                          "List the declared editions (notice, years, tables) and provincial profiles."),
    "cli.rules.help": ("列出校验规则目录：编号、默认级别、适用版式、名称、是否已实现。\n\n"
                       "级别可在配置文件中调整，例如 [rules.A07] severity = \"info\"。",
                       "List the rule catalogue: id, default severity, editions, name, implemented or not.\n\n"
                       "Severities can be changed in a configuration file, e.g. [rules.A07] severity = \"info\"."),
    # -- import, read, fill -----------------------------------------------------------------------------
    "cli.import.help": ("按标签读取已发布的年度报告（网页、Word、PDF、纯文本），导出为报告数据。\n\n"
                        "从表格本身识别版式（2019 版、2021 版或混合版式）；无法可靠对齐的表格或行会逐一说明而不猜测，"
                        "此时为“部分导入”，退出码为 1（数据仍会写出）。PDF 只读取文字层，不做文字识别。\n\n"
                        "示例：xxgk import 2024年报.pdf -o 2024.json",
                        "Read a published report (web page, Word, PDF, text) by its labels and write it as data.\n\n"
                        "The layout is detected from the tables; what cannot be aligned is listed, not guessed "
                        "(a partial import, exit 1, the data is still written).  PDFs are read from their text layer.\n\n"
                        "Example: xxgk import report-2024.pdf -o 2024.json"),
    "cli.import.source": ("已发布的报告：.txt .md .html .htm .docx .pdf", "published report: .txt .md .html .htm .docx .pdf"),
    "cli.import.output": ("输出的报告数据，格式由扩展名决定（.json 或 .csv）", "report data to write; format from its extension"),
    "cli.read.help": ("读取填好的工作簿，导出为报告数据（JSON 或逐格 CSV）。\n\n"
                      "本工具生成的模板按其单元格映射读取；其他工作簿（手工制表、旧模板、外省表样）按官方表格标签识别。"
                      "合计与校验一律按分项重新计算，不采信文件中保存的结果；公式被覆盖、工作表被改名等情况会在检查时报告。"
                      "加密、.xls/.et、.ods、含宏或“严格 Open XML”格式的文件会给出另存为 .xlsx 的提示（退出码 2）。\n\n"
                      "示例：xxgk read 财政局2024.xlsx -o 财政局2024.json",
                      "Read a filled workbook and write it as report data (JSON or tidy CSV).\n\n"
                      "A workbook from the template is read through its cell map, any other by the official labels; "
                      "totals and checks are always recomputed.\n\n"
                      "Example: xxgk read finance-2024.xlsx -o finance-2024.json"),
    "cli.read.source": ("填好的工作簿（.xlsx）", "filled workbook (.xlsx)"),
    "cli.read.output": ("输出的报告数据：.json 或 .csv", "report data to write: .json or .csv"),
    "cli.fill.help": ("把报告数据填入对应版式的模板，得到一份填好的工作簿（与 xxgk read 互逆）。\n\n"
                      "合计单元格仍是公式，“校验”表显示这份数据的校验结果。\n\n"
                      "示例：xxgk fill examples/sample-county-2024.json -o out/示例县2024.xlsx",
                      "Write report data into the template of its edition (the inverse of xxgk read).\n\n"
                      "Totals stay formulas; the check sheet shows this report's checks.\n\n"
                      "Example: xxgk fill examples/sample-county-2024.json -o out/county-2024.xlsx"),
    "cli.fill.source": ("报告数据：" + _INPUTS_ZH, "report data: " + _INPUTS_EN),
    "cli.fill.output": ("输出的工作簿（.xlsx）", "workbook to write (.xlsx)"),
    "cli.opt.password": ("工作表与工作簿结构的保护密码（默认无密码，仅防误改）",
                         "protection password (default: none, protection only prevents accidents)"),
    # -- template ------------------------------------------------------------------------------------
    "cli.template.help": ("生成带保护的 Excel 填报模板：官方表样、合并表头、只开放黄色填写区、公式合计与实时校验。\n\n"
                          "工作表依次为：基本信息、一、总体情况、表二、表三、表四、五、六、校验、填报说明。"
                          "“校验”表中每条勾稽关系都有 ✓/✗ 和差额，随填写实时变化；各表顶部显示本表是否通过。\n\n"
                          "示例：\n\n"
                          "  xxgk template -o 2024年报模板.xlsx --year 2024 --agency \"某某县财政局\" --kind 部门\n\n"
                          "  xxgk template -o 2024模板.xlsx --year 2024 --previous 2023.json    预填上年结转\n\n"
                          "  xxgk template -o 2020模板.xlsx --edition 2019 --profile jilin      2019/2020 版（吉林）",
                          "Write the locked Excel template: official layout, merged headers, only the yellow input cells "
                          "open, totals as formulas, live checks.\n\n"
                          "Examples:\n\n"
                          "  xxgk template -o template-2024.xlsx --year 2024 --agency \"County Finance Bureau\" --kind department\n\n"
                          "  xxgk template -o template-2024.xlsx --year 2024 --previous 2023.json\n\n"
                          "  xxgk template -o template-2020.xlsx --edition 2019 --profile jilin"),
    "cli.template.output": ("输出的模板文件（.xlsx）", "template file to write (.xlsx)"),
    "cli.template.edition": ("版式：2021（2021年度起）或 2019（2019、2020年度）；默认随 --year 确定，都不填时为 2021；"
                             "见 xxgk editions",
                             "edition: 2021 or 2019 (default: the one the year prescribes, else 2021; see xxgk editions)"),
    "cli.template.force-edition": ("允许 --edition 与 --year 规定的版式不一致（默认拒绝）",
                                   "allow an --edition that the --year does not prescribe (refused by default)"),
    "cli.template.year": ("报告年度，四位数字，如 2024（不填则由填报人填写）", "report year, four digits"),
    "cli.template.agency": ("报告单位全称", "reporting agency"),
    "cli.template.kind": ("单位类型：部门（department，1月31日前发布）、政府（government，地方人民政府，3月31日前）、"
                          "其他（other，乡镇街道等）",
                          "agency kind: department, government or other (部门/政府/其他; sets the publication deadline)"),
    "cli.template.profile": ("地方补充格式，如 jilin（见 xxgk editions）", "provincial profile, e.g. jilin"),
    "cli.template.previous": ("上一年度的报告（JSON、CSV 或已填写的工作簿）：预填表三“二、上年结转”，并加入跨年度校验",
                              "last year's report: pre-fills 上年结转 and adds the cross-year checks"),
    # -- check, merge --------------------------------------------------------------------------------
    "cli.check.help": ("批量检查各单位报送的年度报告，并输出汇总表。\n\n"
                       "并行检查文件夹中的每一份报告；损坏、无法读取或构造异常的文件单独记为一行并说明原因，不影响其他文件。"
                       "汇总表每个文件一行（状态、错误与警告数、本年新收/办结/结转等关键数字、版式、创建程序），"
                       "另有问题明细（单位、规则、表、行、列、单元格位置、说明）；给出 --roster 时列出未报送、重复报送和名单外的文件。\n\n"
                       "退出码：0 全部通过；1 有文件存在错误或无法读取（无法读取也按错误计）；2 没有找到文件、名单无法读取或参数有误。"
                       "未报送和重复报送只在汇总中列出，不影响退出码。\n\n"
                       "示例：xxgk check 报送/ --roster 单位名单.csv --previous 2023/ -o 汇总校验.xlsx",
                       "Check the reports of many agencies in parallel and write a summary.\n\n"
                       "A broken or unreadable file is a row with its reason; --roster lists who has not submitted.\n\n"
                       "Exit codes: 0 all valid; 1 errors or unreadable files; 2 nothing to check.\n\n"
                       "Example: xxgk check submitted/ --roster roster.csv --previous 2023/ -o summary.xlsx"),
    "cli.check.inputs": ("要检查的文件夹或文件（报告 JSON、逐格 CSV、Excel 工作簿、已发布的文档）", "folders or files to check"),
    "cli.check.output": ("汇总文件：.xlsx（汇总、问题明细、报送情况）、.json 或 .csv（另写“-问题明细.csv”等同名文件）",
                         "summary file: .xlsx, .json or .csv"),
    "cli.check.previous": ("上一年度报告所在的文件夹：按单位名称配对，检查跨年度结转（A05–A07）与文字雷同（N09）",
                           "folder of last year's reports, matched by agency name, for the cross-year rules"),
    "cli.check.roster": ("单位名单（.csv 或 .xlsx，一列“单位名称”）：列出未报送、重复报送和名单外的文件",
                         "roster of agencies (.csv or .xlsx): lists who has not submitted"),
    "cli.check.jobs": ("并行进程数（默认为 CPU 核数）", "worker processes (default: one per core)"),
    "cli.check.timeout": ("每个文件的检查时限（秒），超时的文件记为无法读取", "time limit per file in seconds"),
    "cli.check.progress": ("在 stderr 显示进度（默认：终端中显示）", "show progress on stderr (default: on a terminal)"),
    "cli.check.format": ("屏幕输出：text 可读文本，json 供程序使用", "screen output: text or json"),
    "cli.merge.help": ("把多个单位同一年度、同一版式的报告逐格相加，得到本地区的汇总数字，并校验汇总结果。\n\n"
                       "版式、年度或省级扩展不一致，同一单位出现两次，或有单元格不是数字时拒绝汇总（退出码 2）。"
                       "汇总结果记录计入的单位（meta.extra.merged_from）；正文为空，请另行撰写。"
                       "汇总结果有错误时退出码为 1（通常是某个单位的报告本身不平，会一并列出）。\n\n"
                       "示例：xxgk merge 报送/ --agency \"XX市人民政府\" --year 2024 -o 汇总.json",
                       "Add up the reports of many agencies (one year, one edition) cell by cell, and validate the sum.\n\n"
                       "Mixed editions, years or profiles, an agency twice or a cell that is not a number are refused (exit 2).\n\n"
                       "Example: xxgk merge submitted/ --agency \"XX City Government\" --year 2024 -o sum.json"),
    "cli.merge.inputs": ("要汇总的报告（文件或文件夹），同一年度、同一版式", "reports to add up (files or folders), one year and edition"),
    "cli.merge.agency": ("汇总报告的机关名称，如“XX市人民政府”", "agency of the summed report"),
    "cli.merge.output": ("汇总结果，格式由扩展名决定（.json、.csv 或 .xlsx）", "output file; format from its extension"),
    "cli.merge.year": ("报告年度；给出时拒绝其他年度的报告，未填年度的报告按此年度计", "report year; reports of other years are refused"),
    # -- compare -------------------------------------------------------------------------------------
    "cli.compare.help": ("与上年同比：列出本年与上年报告三张统计表中的每一个数字、增减量和增减率，并配图表。\n\n"
                         "两年版式不同时按官方表样的行列对应比较，无法对应的项目逐一列出。"
                         "地区汇总（xxgk merge 的结果）同样可以与上年的汇总比较。\n\n"
                         "输出：.xlsx（对比表和柱状图）、.html（表格与图表）、.docx（表格）。\n\n"
                         "示例：xxgk compare 2024.json --previous 2023.json -o 对比.xlsx",
                         "Year on year: every figure of the three tables this year and last, the change and the "
                         "percentage, with a chart.\n\n"
                         "When the editions differ, cells are matched by the declared layout; what cannot be matched "
                         "is listed.  A region's sum (xxgk merge) compares with last year's sum the same way.\n\n"
                         "Output: .xlsx (table and chart), .html (table and chart), .docx (table).\n\n"
                         "Example: xxgk compare 2024.json --previous 2023.json -o compare.xlsx"),
    "cli.compare.this": ("本年度的报告：" + _INPUTS_ZH, "this year's report: " + _INPUTS_EN),
    "cli.compare.previous": ("上一年度的报告（格式同上）", "last year's report (same formats)"),
    "cli.compare.output": ("对比结果，格式由扩展名决定：.xlsx .html .docx", "comparison to write: .xlsx .html .docx"),
    # -- serve ---------------------------------------------------------------------------------------
    "cli.serve.help": ("启动网页系统：各单位在线填报、上传与检查，政务公开办汇总与审核。\n\n"
                       "默认只在本机（127.0.0.1:8000）提供服务，数据保存在 ./xxgk-data（SQLite）；"
                       "--db 可改用 PostgreSQL（postgresql://…）。按 Ctrl+C 停止。\n\n"
                       "示例：xxgk serve --demo",
                       "Start the web application: agencies fill in, upload and check their reports; the office "
                       "adds them up and reviews them.\n\n"
                       "Serves 127.0.0.1:8000 by default, data in ./xxgk-data (SQLite); --db postgresql://… for "
                       "PostgreSQL.  Ctrl+C stops it.\n\n"
                       "Example: xxgk serve --demo"),
    "cli.serve.host": ("监听地址（默认只允许本机访问）", "address to listen on (default: this machine only)"),
    "cli.serve.port": ("端口", "port"),
    "cli.serve.data": ("数据文件夹（上传的文件与默认的 SQLite 数据库）", "data folder (uploads and the default SQLite database)"),
    "cli.serve.db": ("数据库地址，如 postgresql://用户@主机/库名（默认为数据文件夹中的 SQLite）",
                     "database URL, e.g. postgresql://user@host/db (default: SQLite in the data folder)"),
    "cli.serve.demo": ("载入演示数据（示例单位、账号与报告）", "load demonstration data (agencies, accounts, reports)"),
    "cli.serve.secure_cookies": ("通过 https 对外服务时使用：登录 Cookie 加上 Secure 标记，只经 https 发送"
                                 "（也可设置环境变量 XXGK_SECURE_COOKIES=1）",
                                 "behind https: the login cookie gets the Secure flag and travels only over https "
                                 "(also XXGK_SECURE_COOKIES=1)"),
    # -- click's own texts -----------------------------------------------------------------------------
    # typer's section titles and option extras (looked up by their English text)
    "cli.click.options": ("选项", "Options"),
    "cli.click.arguments": ("参数", "Arguments"),
    "cli.click.commands": ("命令", "Commands"),
    "cli.click.required": ("必填", "required"),
    "cli.click.default": ("默认：{default}", "default: {default}"),
    "cli.click.env": ("环境变量：{var}", "env var: {var}"),
    "cli.click.dynamic": ("（动态）", "(dynamic)"),
    "cli.click.aborted": ("已中止！", "Aborted!"),
    # the help option, the usage line and usage errors
    "cli.click.usage": ("用法：", "Usage: "),
    "cli.click.help": ("显示本帮助并退出", "Show this message and exit."),
    "cli.click.try": ("请运行“{command} {option}”查看帮助。", "Try '{command} {option}' for help."),
    "cli.click.error": ("错误：{message}", "Error: {message}"),
    "cli.click.missing-command": ("缺少命令。", "Missing command."),
    "cli.click.no-option": ("没有选项“{name}”。", "No such option: {name}"),
    "cli.click.invalid-for": ("{param_hint} 的值无效：{message}", "Invalid value for {param_hint}: {message}"),
    "cli.click.missing-argument": ("缺少参数 {name}。", "Missing argument {name}."),
    "cli.click.missing-option": ("缺少选项 {name}。", "Missing option {name}."),
    "cli.click.not-choices": ("“{value}”不是可选的值，可选：{choices}。", "'{value}' is not one of {choices}."),
    "cli.click.not-number": ("“{value}”不是有效的数字（{number_type}）。", "'{value}' is not a valid {number_type}."),
    "cli.click.range": ("{value} 不在允许的范围 {range} 内。", "{value} is not in the range {range}."),
    "cli.click.needs-value": ("选项“{name}”需要一个值。", "Option '{name}' requires an argument."),
    "cli.click.extra": ("多余的参数（{args}）。", "Got unexpected extra arguments ({args})"),
}

# type names click shows in the option list -> Chinese
METAVARS = {"<path>": "<路径>", "<int range>": "<整数>", "<integer>": "<整数>", "<int>": "<整数>",
            "<float range>": "<数字>", "<float>": "<数字>", "<text>": "<文字>", "<str>": "<文字>"}

# usage errors whose text click builds in English: pattern -> key (the groups are the placeholders)
CLICK_ERRORS = (
    (r"^'(?P<value>.*)' is not one of (?P<choices>.*)\.$", "cli.click.not-choices"),
    (r"^(?P<value>.*) is not in the range (?P<range>.*)\.$", "cli.click.range"),
    (r"^'(?P<value>.*)' is not a valid (?P<number_type>.*)\.$", "cli.click.not-number"),
    (r"^Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)$", "cli.click.extra"),
    (r"^Option '(?P<name>.*)' requires an argument\.$", "cli.click.needs-value"),
    (r"^Missing command\.$", "cli.click.missing-command"),
)
