"""workbook_tools — 政府信息公开工作年度报告工具 (command: xxgk).

Library use::

    from workbook_tools import api
    report = api.load_report("examples/dehui-2020.json")
    result = api.validate_report(report)
    print(result.valid, [f.message() for f in result.findings])
"""

__version__ = "0.1.0"
