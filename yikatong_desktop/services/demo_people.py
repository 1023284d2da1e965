"""Synthetic people for the demo county: names of four peoples, valid IDs, bank cards.

Everything is made up and derived from one random generator, so a seed gives
the same county every time.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from yikatong_desktop.domain.accounts import luhn_check_digit
from yikatong_desktop.domain.ids import compute_check_char

HAN_SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余"
    "潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段"
)
HUI_SURNAMES = "马马马杨李金白苏丁穆海沙哈冶韩"
HAN_MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳建国志文国庆新春海东红兵"
HAN_FEMALE = "芳娜敏静丽艳娟霞燕玲桂英秀兰梅琴云莲真环雪荣爱妹霞香月莺媛凤洁琳素淑惠珠翠雅芝玉萍红娥"
UYGHUR_MALE = ("买买提", "艾力", "阿不都热合曼", "吐尔逊", "努尔买买提", "艾克拜尔", "阿布力孜", "热合曼",
               "司马义", "依明", "肉孜", "塔依尔", "亚森", "卡德尔", "玉素甫", "阿迪力")
UYGHUR_FEMALE = ("古丽", "阿依古丽", "帕提古丽", "热依汗古丽", "阿米娜", "努尔尼沙", "再努尔", "祖丽胡玛尔",
                 "麦尔哈巴", "阿孜古丽", "海力且木", "布维")
KAZAKH_MALE = ("努尔兰", "叶尔兰", "别克", "哈布丁", "加尔肯", "吐尔逊别克", "阿合买提", "沙吾提", "叶尔江",
               "马合沙提", "木拉提", "哈力木", "巴合提", "达吾提")
KAZAKH_FEMALE = ("阿依努尔", "古丽娜尔", "加娜尔", "阿依江", "娜孜古丽", "巴合提古丽", "阿尔达克", "古丽巴哈尔",
                 "沙吾列", "玛依拉")
FATHERS = ("买买提", "吐尔逊", "艾则孜", "哈斯木", "阿不来提", "努尔兰", "别克", "哈山", "托合提", "加帕尔",
           "沙比提", "卡斯木", "阿合买提", "达吾来提")

ETHNIC_GROUPS = ("汉族", "回族", "维吾尔族", "哈萨克族")

#: Agent banks of the demo county: name and card-number prefix.
BANKS = {"信用社": ("呼图壁县农村信用合作联社", "623066"), "农行": ("中国农业银行呼图壁县支行", "622848"),
         "邮储": ("中国邮政储蓄银行呼图壁县支行", "621799")}
THIRD_BANK_TOWNSHIP = "652323200"  # 石梯子哈萨克族乡 also uses the third bank


def person_name(rng: random.Random, ethnicity: str, male: bool, surname: str | None = None) -> str:
    """A plausible name for a person of an ethnicity and sex."""
    if ethnicity in ("汉族", "回族"):
        pool = HUI_SURNAMES if ethnicity == "回族" else HAN_SURNAMES
        family = surname or rng.choice(pool)
        chars = HAN_MALE if male else HAN_FEMALE
        given = rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.7 else "")
        return family + given
    if ethnicity == "维吾尔族":
        given = rng.choice(UYGHUR_MALE if male else UYGHUR_FEMALE)
    else:
        given = rng.choice(KAZAKH_MALE if male else KAZAKH_FEMALE)
    return f"{given}·{surname or rng.choice(FATHERS)}"


def father_part(name: str) -> str | None:
    """The father's-name part of a dotted name, passed on to children."""
    return name.split("·", 1)[1] if "·" in name else None


class IdFactory:
    """Unique, valid 18-digit IDs for given birth dates and sexes."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def make(self, region: str, birth: date, male: bool) -> str:
        """A fresh ID with a correct check character."""
        while True:
            seq = self._rng.randrange(0, 500) * 2 + (1 if male else 0)
            body = f"{region}{birth:%Y%m%d}{seq:03d}"
            value = body + compute_check_char(body)
            if value not in self._used:
                self._used.add(value)
                return value

    def reserve(self, value: str) -> None:
        """Mark a hand-made ID as taken."""
        self._used.add(value)


def birth_for_age(rng: random.Random, age: int, on: date) -> date:
    """A birth date giving exactly `age` on the day `on`."""
    latest = on.replace(year=on.year - age) if not (on.month == 2 and on.day == 29) else date(on.year - age, 2, 28)
    return latest - timedelta(days=rng.randrange(0, 364))


class CardFactory:
    """Unique 19-digit card numbers with a bank's prefix and a Luhn check digit."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def make(self, prefix: str) -> str:
        """A fresh card number."""
        while True:
            body = prefix + "".join(str(self._rng.randrange(10)) for _ in range(18 - len(prefix)))
            number = body + luhn_check_digit(body)
            if number not in self._used:
                self._used.add(number)
                return number
