"""The words that tell what a figure in the prose is about.

Row, column and result words come from the edition declaration (the cleaned official labels, e.g.
``（一）予以公开`` → ``予以公开``), so a new edition brings its own vocabulary.  Verbs (受理, 办结 …),
scope words (各区, 备案, 同比 …) and fillers are not labels of the format; they are listed here.

`lexicon(edition)` returns one `Lexicon`: a compiled scanner that cuts a sentence into tokens
(figure, year, word of a known kind) and leaves everything else as unknown text, which the
extractor treats as a qualifier it does not understand.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..spec import Edition, Role
from .numbers import NUMBER

# Topics: what the figure counts.  Longer words win, so 行政复议申请 is a 复议 word, not an 申请 word.
APPLICATION, RECONSIDERATION, LITIGATION = "application", "reconsideration", "litigation"
REGULATIONS, NORMATIVE, FEE, FEE_NOTICE = "regulations", "normative", "fee", "fee_notice"
# the table each topic is about, by the table's role (`Lexicon.topic_table` has the codes)
TOPIC_TABLE_ROLE = {APPLICATION: Role.APPLICATIONS, RECONSIDERATION: Role.APPEALS, LITIGATION: Role.APPEALS,
                    REGULATIONS: Role.DISCLOSURE, NORMATIVE: Role.DISCLOSURE, FEE_NOTICE: Role.APPLICATIONS}

TOPICS = {
    APPLICATION: ("政府信息公开申请", "信息公开申请", "依申请公开", "公开申请", "申请件", "申请"),
    RECONSIDERATION: ("行政复议申请", "行政复议案件", "行政复议", "复议案件", "复议申请", "复议"),
    LITIGATION: ("行政诉讼案件", "行政诉讼", "诉讼案件", "诉讼", "应诉案件", "应诉"),
    REGULATIONS: ("政府规章", "规章"),
    NORMATIVE: ("行政规范性文件", "规范性文件"),
    FEE: ("信息处理费", "处理费"),
    FEE_NOTICE: ("收费通知书", "收费通知", "缴费通知"),
}

# Cues: what happened to what is counted.
RECEIVED, CARRIED_OVER, CLOSED, FORWARD, HANDLED = "received", "carried_over", "closed", "forward", "handled"
ISSUE, PUBLISH, REPEAL, STOCK = "t2_issue", "t2_publish", "t2_repeal", "t2_stock"
CUES = {
    RECEIVED: ("共收到", "收到", "受理", "新收", "接收", "接到", "新增受理", "登记"),
    CARRIED_OVER: ("上年结转", "上年度结转", "上一年度结转", "上一年结转", "上年度转入", "上年转入", "结转自上年",
                   "上年度未办结", "上年遗留", "上年度遗留"),
    CLOSED: ("办结", "已办结", "办理完毕", "作出答复", "予以答复", "依法答复", "答复", "办复"),
    FORWARD: ("结转下年度继续办理", "结转下年度", "结转至下年度", "结转到下年度", "结转下一年度", "结转至下一年度",
              "结转到下一年度", "结转至次年", "结转下年", "顺延到下年度", "顺延至下年度", "顺延到下一年度",
              "顺延至下一年度", "顺延至次年", "顺延", "转入下年度", "尚在办理", "正在办理", "仍在办理", "结转"),
    HANDLED: ("办理", "处理"),
    ISSUE: ("制发", "印发", "出台", "制定", "新制定", "新制作", "新出台"),
    PUBLISH: ("新增公开", "新公开", "公开", "发布", "公布"),
    REPEAL: ("废止", "废除", "宣布失效"),
    STOCK: ("现行有效", "对外公开总数"),
}
# The column of table 二 each T2 cue points at, found by a fragment of the edition's column label.
T2_CUE_COLUMNS = {ISSUE: ("制发", "新制作"), PUBLISH: ("制发", "新公开"), REPEAL: ("废止",), STOCK: ("现行有效", "对外公开总")}

# Short forms of outcome rows seen in prose; each must occur in exactly one outcome label of the edition.
OUTCOME_ALIASES = ("国家秘密", "禁止公开", "三安全一稳定", "第三方合法权益", "内部事务信息", "过程性信息",
                   "行政执法案卷", "行政查询事项", "不掌握相关政府信息", "另行制作", "仍不明确", "信访举报投诉",
                   "重复申请", "公开出版物", "大量反复申请", "重新出具", "逾期不补正", "缴纳费用")
# Short forms of outcome groups, 表四 results and litigation rows, by the role of what they name.
_BOTH = (Role.DISCLOSED, Role.PARTLY_DISCLOSED)
OUTCOME_GROUP_ALIASES = {"全部公开": (Role.DISCLOSED,), "同意公开": (Role.DISCLOSED,), "全部或部分公开": _BOTH,
                         "全部或部分予以公开": _BOTH}
T4_RESULT_ALIASES = {"维持": Role.UPHELD, "纠正": Role.CORRECTED, "纠错": Role.CORRECTED, "被纠错": Role.CORRECTED,
                     "未审结": Role.PENDING, "正在审理": Role.PENDING, "审理中": Role.PENDING, "尚在审理": Role.PENDING}
T4_ROW_ALIASES = {"直接起诉": Role.DIRECT_SUIT, "直接提起诉讼": Role.DIRECT_SUIT, "直接提起行政诉讼": Role.DIRECT_SUIT,
                  "经复议后起诉": Role.SUIT_AFTER_REVIEW, "复议后提起诉讼": Role.SUIT_AFTER_REVIEW,
                  "复议后提起行政诉讼": Role.SUIT_AFTER_REVIEW}
# the cue each official row label of table 三 stands for, by the row's role
ROW_CUES = {Role.RECEIVED: RECEIVED, Role.CARRIED_OVER: CARRIED_OVER, Role.CLOSED: CLOSED, Role.FORWARD: FORWARD}

# Claims without a number.
ALL_UPHELD, NONE_CORRECTED = "all_upheld", "none_corrected"
CLAIMS = {
    ALL_UPHELD: ("均获维持", "均被维持", "全部维持", "全部被维持", "均予以维持", "均予维持", "均维持", "全部获得维持",
                 "均得到维持", "全部得到维持"),
    NONE_CORRECTED: ("无被纠正", "未被纠正", "无一被纠正", "没有被纠正", "零纠错", "无纠错", "未被纠错", "无一被纠错",
                     "未被撤销"),
}
ZERO_WORDS = ("未发生", "没有发生", "未收到", "没有收到", "未出现", "未产生", "没有", "无", "未发出", "没有发出", "未开具")

# Scope: whose figure it is.
SELF, REGION, OTHER_BODY = "self", "region", "other_body"
SCOPES = {
    SELF: ("本机关", "本局", "我局", "本委", "我委", "本办", "我办", "本单位", "本部门", "本级", "本厅", "我厅", "本院",
           "市政府本级", "县政府本级", "区政府本级", "市政府", "县政府", "区政府", "本府"),
    REGION: ("全市", "全区", "全县", "全州", "全镇", "全乡", "全旗", "全盟", "全省", "我市", "我区", "我县", "我省",
             "我州", "我镇", "本市", "本区", "本县", "本省", "全街道", "我街道"),
    OTHER_BODY: ("各区", "各县", "各县区", "各区县", "各县市区", "各县（市、区）", "各地", "各部门", "各单位", "各乡镇",
                 "各街道", "各镇", "下属单位", "所属单位", "直属单位", "下级", "市直部门", "市直单位", "县直部门",
                 "区直部门", "各级", "全系统", "系统内", "全国", "各市", "各设区市", "乡镇（街道）", "乡镇街道", "部门",
                 "县区", "区县", "县（市、区）", "县市区", "系统"),
}
# A part of the body's own figure: someone acting for it, a sub-unit, a channel, a period.  Such a
# figure is compared, but a difference is only a note that names the part (``网上受理申请80件``).
PART, ACTING, UNIT, CHANNEL, PERIOD = "part", "acting", "unit", "channel", "period"
PARTS = {
    ACTING: ("代表", "代为", "名义", "受委托") + tuple(f"代表{p}人民政府" for p in ("", "市", "区", "县", "镇", "乡", "本级")),
    UNIT: ("人民政府办公室", "人民政府办", "政府办公室", "政府办", "市政府办公室", "县政府办公室", "区政府办公室",
           "市政府办", "县政府办", "区政府办", "办公室", "内设机构", "业务科室", "科室", "处室"),
    CHANNEL: ("网上", "网络平台", "网上平台", "在线平台", "在线", "依申请公开平台", "申请平台", "当面", "现场", "窗口", "信函", "邮寄", "传真", "电子邮件", "邮件"),
    PERIOD: ("上半年", "下半年", "前三季度", "第一季度", "第二季度", "第三季度", "第四季度", "一季度", "二季度", "三季度",
             "四季度", "季度", "月份"),
}
# Words that end a part: what follows is the whole again (网上申请80件，全年共受理120件).
PART_RESET = ("全年", "本年", "本年度", "当年", "共计", "合计", "总计", "累计", "一共", "总数")
# 公开属性 of documents and information items: the same words as outcome rows of table 三, so next to a
# count of documents (公文514条，其中…不予公开21条) they do not make the figure an application figure.
ATTRIBUTE_WORDS = ("依申请公开",)
# Outcome words followed by their object are still the outcome: 因无法提供相关信息答复2件.
OUTCOME_OBJECTS = ("相关政府信息", "相关信息", "所申请信息", "所申请的信息", "申请的信息", "该信息")

# Other kinds of cases and other metrics: a figure next to one of these is about something else.
OTHER_KINDS = ("备案", "信访", "来信来访", "来信", "来访", "政务服务", "12345", "热线", "咨询", "留言", "人大代表建议",
               "政协提案", "建议提案", "代表建议", "委员提案", "建议", "提案", "政策解读", "解读", "新闻发布会", "发布会",
               "政务新媒体", "新媒体", "公报", "培训", "检查", "督查", "评估", "行政许可", "行政处罚", "行政强制", "审批",
               "办事指南", "网站", "栏目", "专栏", "主动公开", "政府信息", "信息", "清理", "修订", "修改", "征求意见",
               "听证", "会议", "决策", "规章制度", "文件", "事项", "网民", "来电", "投诉", "举报", "意见",
               "行政事业性收费")
CHANGE = ("同比", "较上年", "比上年", "较去年", "比去年", "较上年度", "比上年度", "较上一年度", "比上一年度", "与上年相比",
          "环比", "增长", "增加", "减少", "下降", "上升", "增幅", "降幅", "提高", "提升", "持平", "多出", "少于")
RATE = ("每月", "每周", "每日", "每天", "每年", "月均", "日均", "平均", "年均", "人均", "每件")
RATIO = ("办结率", "答复率", "按时答复率", "按期答复率", "按时办结率", "按期办结率", "合格率", "满意率", "公开率",
         "纠错率", "维持率", "败诉率", "及时率", "准确率", "覆盖率", "比率", "比例", "率")
SHARE = ("占比", "占全部", "占总数", "占")
PREV_YEAR = ("上年度", "上一年度", "上年", "上一年", "去年", "前一年")
FILLERS = ("其余", "共计", "合计", "总计", "累计", "一共", "共有", "共", "全年", "本年度", "本年", "今年", "当年", "年内",
           "报告期内", "截至目前", "截至年底", "另有", "另", "还有", "有", "为", "达到", "达", "计", "均为", "均", "全部",
           "依法", "依规", "已经", "已", "并", "及时", "按时", "在法定期限内", "法定期限内", "的", "了", "等", "数量",
           "总数", "总量", "件数", "案件", "数", "政府信息公开", "涉及", "相关", "结果", "情况", "方面", "以上", "左右",
           "含", "包括", "包含", "其中", "被", "提起", "发生", "申请人", "各类", "类", "总", "在", "中", "是", "年度",
           "新", "此外", "同时", "对", "所有", "予以", "工作", "收", "件", "发出", "收取", "实际收取", "收缴",
           "实收", "实际", "依申请", "通过", "方式", "渠道")
CONJ = ("以及", "及", "和", "与", "或", "、", "/")
EACH = ("分别为", "分别是", "分别", "各")
APPROX = {"近": "le", "将近": "le", "接近": "le", "不足": "lt", "不到": "lt", "约": "about", "大约": "about",
          "超过": "gt", "逾": "gt", "多于": "gt"}
BOUNDARIES = ("，", "；", "：", "（", "）", ",", ";", ":", "(", ")", "“", "”", "《", "》")

YEAR = r"(?:19|20)\d{2}年度?"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_REGEX_TOKENS = (
    ("change", rf"(?:较|比|与){YEAR}(?:相比|同期)?"),
    ("forward", rf"(?:结转|顺延)(?:至|到)?{YEAR}"),
    ("year", YEAR),
    ("date", rf"{_MONTH}月\d{{1,2}}日"),  # 12月31日: a day of the period, not a part of it
    ("period", rf"{_MONTH}(?:(?:至|到|-|—|－|~|～){_MONTH})?月份?"),  # 1-6月, 三月份
)


def clean_label(label: str) -> str:
    """``（一）予以公开`` → ``予以公开``; ``1.属于国家秘密`` → ``属于国家秘密``; drops （…） notes."""
    s = re.sub(r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.、．])", "", label)
    return re.sub(r"（[^）]*）$", "", s)


class Token(NamedTuple):  # hundreds per report: a tuple is made several times faster than a frozen dataclass
    kind: str
    value: object
    start: int
    end: int
    text: str


class Lexicon:
    """Scanner for one edition: `tokens(sentence)` → known tokens in order (gaps are unknown text)."""

    def __init__(self, edition: Edition):
        self.edition = edition
        words: dict[str, tuple[str, object]] = {}

        def add(kind, value, *ws):
            for w in ws:
                words.setdefault(w, (kind, value))

        # Declared labels first: they are the most specific words.
        t3 = edition.table_for(Role.APPLICATIONS)
        outcome_rows = [r for _, r in t3.rows() if r.role == "outcome"]
        for r in outcome_rows:
            w = clean_label(r.label)
            if len(w) >= 3:
                add("outcome", (r.code,), w)
        groups: dict[str, list[str]] = {}
        for r in outcome_rows:
            if r.group:
                groups.setdefault(clean_label(r.group), []).append(r.code)
        for g, codes in groups.items():
            add("outcome", tuple(codes), g)
        for alias in OUTCOME_ALIASES:
            hits = [r.code for r in outcome_rows if alias in r.label]
            if len(hits) == 1:
                add("outcome", tuple(hits), alias)
        for alias, roles in OUTCOME_GROUP_ALIASES.items():
            add("outcome", tuple(code for role in roles for code in edition.rows_for(role)), alias)
        for w, (kind, codes) in list(words.items()):  # 无法提供相关信息, “无法提供”: still the outcome
            add(kind, codes, *(w + obj for obj in OUTCOME_OBJECTS), f"“{w}”", f'"{w}"')
        for role, cue in ROW_CUES.items():  # the official row labels as written, e.g. in section 三
            for code in edition.rows_for(role):
                add("cue", cue, clean_label(t3.blocks[0].row(code).label))
        cols = t3.blocks[0].columns
        for c in cols:
            if len(c.label) >= 3:
                add("column", (c.code,), c.label)
        legal = tuple(c.code for c in cols if c.group)
        if legal:
            add("column", legal, cols[1].group, "法人和其他组织", "法人及其他组织")
        t4 = edition.table_for(Role.APPEALS).blocks[0]
        for c in t4.columns[:-1]:
            add("result", c.code, c.label)
        for w, role in T4_RESULT_ALIASES.items():
            add("result", edition.columns_for(role)[0], w)
        for r in t4.rows:
            if r.group:  # the litigation rows
                add("litrow", r.code, r.label)
        for w, role in T4_ROW_ALIASES.items():
            add("litrow", edition.rows_for(role)[0], w)
        for kind, table in (("claim", CLAIMS), ("topic", TOPICS), ("cue", CUES), ("scope", SCOPES)):
            for value, ws in table.items():
                add(kind, value, *ws)
        for value, ws in PARTS.items():
            add("part", value, *ws)
        add("other", None, *OTHER_KINDS)
        add("change", None, *CHANGE)
        add("rate", None, *RATE)
        add("ratio", None, *RATIO)
        add("share", None, *SHARE)
        add("prev_year", None, *PREV_YEAR)
        add("conj", None, *CONJ)
        add("each", None, *EACH)
        add("boundary", None, *BOUNDARIES)
        for w, v in APPROX.items():
            add("approx", v, w)
        add("zero", None, *ZERO_WORDS)
        add("filler", None, *FILLERS)
        self.words = words
        # A word is found by its first two characters (one for a one-character word), the longest word
        # starting there winning: what one alternation of all words, longest first, finds, without
        # compiling that alternation (tens of ms in every process).
        self._by_prefix: dict[str, list[str]] = {}
        for w in sorted(filter(None, words), key=len, reverse=True):
            self._by_prefix.setdefault(w[:2], []).append(w)
        first = "".join(re.escape(c) for c in sorted({w[0] for w in self._by_prefix}))
        regex = "|".join(f"(?P<{k}>{p})" for k, p in _REGEX_TOKENS)
        self._scan = re.compile(rf"(?P<num>{NUMBER.pattern})|{regex}|(?P<lit>[{first}])", re.X)
        self.topic_table = {t: edition.table_for(r).code for t, r in TOPIC_TABLE_ROLE.items()}
        self.t2_block = edition.table_for(Role.DISCLOSURE).blocks[0]
        self.t2_columns = _t2_columns(self.t2_block)

    def tokens(self, sentence: str) -> list[Token]:
        out = []
        pos, search, starts, by_prefix = 0, self._scan.search, sentence.startswith, self._by_prefix
        while (m := search(sentence, pos)) is not None:
            pos = m.end()
            kind = m.lastgroup  # the alternative that matched: the outermost named group closes last
            if kind == "num":
                out.append(Token("num", m, m.start(), pos, m.group(0)))
            elif kind == "lit":
                at = m.start()
                w = next((w for w in by_prefix.get(sentence[at:at + 2], ()) if starts(w, at)), None)
                if w is None:
                    w = next(iter(by_prefix.get(sentence[at], ())), None)
                    if w is None:  # a first character only: no word begins here
                        continue
                pos = at + len(w)
                kind, value = self.words[w]
                out.append(Token(kind, value, at, pos, w))
            elif kind == "forward":
                out.append(Token("cue", FORWARD, m.start(), pos, m.group(0)))
            elif kind == "year":
                out.append(Token("year", int(m.group(0)[:4]), m.start(), pos, m.group(0)))
            elif kind == "period":  # 1至12月 is the whole year
                whole = re.fullmatch(r"(?:1|01|一)\D+(?:12|十二)月份?", m.group(0))
                out.append(Token("filler" if whole else "part", None if whole else PERIOD, m.start(), pos, m.group(0)))
            elif kind == "date":
                out.append(Token("filler", None, m.start(), pos, m.group(0)))
            else:
                out.append(Token(kind, None, m.start(), pos, m.group(0)))
        return out


def _t2_columns(t2) -> dict[str, str]:
    """Column of table 二 for each T2 cue, in this edition."""
    out = {}
    for cue, fragments in T2_CUE_COLUMNS.items():
        for frag in fragments:
            col = next((c.code for c in t2.columns if frag in c.label), None)
            if col:
                out[cue] = col
                break
    return out


@lru_cache(maxsize=None)
def lexicon(edition: Edition) -> Lexicon:
    return Lexicon(edition)
