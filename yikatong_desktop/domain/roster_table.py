"""Many roster rows at once, column by column (SPEC §5): what `parse_roster_row` gives for each row.

A roster repeats most of its cells from row to row (dates, amounts, places, the program), so
each column is normalised once per distinct value and the rows pick up the results; IDs,
names and accounts, which do not repeat, go through their normalisers once each. A row is
rejected by the first check that fails in the order `parse_roster_row` makes them, so its
reason and the column it names are the same. Pure, like `roster_rows`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from yikatong_desktop.domain.accounts import normalize_account
from yikatong_desktop.domain.headers import Field
from yikatong_desktop.domain.ids import CitizenId, normalize_id
from yikatong_desktop.domain.money import parse_money, parse_quantity
from yikatong_desktop.domain.names import normalize_name
from yikatong_desktop.domain.orgs import parse_group_number
from yikatong_desktop.domain.periods import Period, parse_date
from yikatong_desktop.domain.roster_rows import (
    NO_MONEY,
    NO_PROGRAM,
    RosterRow,
    RowRejected,
    id_warnings,
    method_of,
    row_period,
    standard_fen,
    text_of,
)
from yikatong_desktop.domain.values_errors import ValueRejected, is_blank

Outcome = Any  # a normalised value, or a _Failed


class _Failed:
    """A value its normaliser refused: the error is raised (or turned into a rejection) where the row meets it."""

    __slots__ = ("error",)

    def __init__(self, error: ValueRejected) -> None:
        self.error = error


def _outcome(fn: Callable[[Any], Any], value: object) -> Outcome:
    try:
        return fn(value)
    except ValueRejected as exc:
        # Kept without its traceback: the frames it holds would keep a whole sheet alive in a cycle.
        return _Failed(ValueRejected(exc.code, exc.message_zh, exc.message_en))


def _unless_blank(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if is_blank(value) else fn(value)


def _name_or_none(value: object) -> str | None:
    text = text_of(value)
    return None if text is None else normalize_name(text)


#: Each column's normaliser of one cell; a ValueRejected becomes the row's rejection naming the column.
_NORMALISERS: dict[Field, Callable[[Any], Any]] = {
    Field.NAME: lambda v: str(normalize_name(v)),
    Field.ID_NUMBER: normalize_id,
    Field.PAID: _unless_blank(lambda v: int(parse_money(v))),
    Field.DUE: _unless_blank(lambda v: int(parse_money(v))),
    Field.QUANTITY: _unless_blank(parse_quantity),
    Field.STANDARD: standard_fen,
    Field.DUE_DATE: _unless_blank(parse_date),
    Field.PAID_DATE: _unless_blank(parse_date),
    Field.ACCOUNT: _unless_blank(lambda v: str(normalize_account(v))),
    Field.GROUP: _unless_blank(parse_group_number),
}
#: Columns that never reject a row; 持卡人/户主姓名 fail only as `parse_roster_row` does (unguarded).
_TEXTS: dict[Field, Callable[[Any], Any]] = {
    **{f: text_of for f in (Field.PROGRAM, Field.SEX, Field.ETHNICITY, Field.PHONE, Field.BANK, Field.REMARK,
                            Field.METHOD, Field.TOWNSHIP, Field.VILLAGE, Field.HOUSEHOLD_NO)},
    Field.HOLDER_NAME: _name_or_none, Field.HEAD_NAME: _name_or_none,
}


class RosterTable:
    """Parses a file's roster rows in chunks; what one chunk normalised, the next one looks up."""

    def __init__(self, *, program: str | None = None, period: Period | None = None) -> None:
        self.program, self.period = program, period
        self._memo: dict[object, dict[Any, Outcome]] = {}

    def parse(self, columns: Mapping[Field, Sequence[object]], count: int) -> list[RosterRow | RowRejected]:
        """Each of `count` rows (cells by field; a missing field is an empty column) parsed or rejected."""
        blank: list[object] = [None] * count
        cell = {f: columns.get(f, blank) for f in Field}
        got = {f: self._column(f, fn, cell[f]) for f, fn in (*_NORMALISERS.items(), *_TEXTS.items())}
        for f in (Field.HOLDER_ID, Field.HEAD_ID):  # mostly the IDs of the 身份证号 column: normalised once
            got[f] = self._other_ids(cell[f])
        pairs = list(zip(cell[Field.PERIOD], cell[Field.YEAR], strict=True))
        periods = self._column("period", self._period, pairs,
                               keys=[(p.__class__, p, y.__class__, y) for p, y in pairs])
        rejected = self._rejections(got, periods, count)
        methods = self._column("method", self._method, list(zip(
            got[Field.METHOD], [a is not None for a in got[Field.ACCOUNT]], got[Field.REMARK], strict=True)))
        out: list[RosterRow | RowRejected] = []
        for i, row in enumerate(zip(
                got[Field.ID_NUMBER], got[Field.NAME], got[Field.SEX], got[Field.ETHNICITY], got[Field.PHONE],
                got[Field.PROGRAM], periods, got[Field.QUANTITY], got[Field.STANDARD], got[Field.DUE],
                got[Field.PAID], got[Field.DUE_DATE], got[Field.PAID_DATE], methods, got[Field.BANK],
                got[Field.ACCOUNT], got[Field.HOLDER_NAME], got[Field.HOLDER_ID], got[Field.TOWNSHIP],
                got[Field.VILLAGE], got[Field.GROUP], got[Field.HOUSEHOLD_NO], got[Field.HEAD_NAME],
                got[Field.HEAD_ID], got[Field.REMARK], strict=True)):
            if i in rejected:
                out.append(rejected[i])
            else:
                out.append(self._row(row))
        return out

    def _row(self, v: tuple[Any, ...]) -> RosterRow:
        for unguarded in (v[16], v[22]):  # a 持卡人/户主姓名 that folds to nothing fails as parse_roster_row does
            if unguarded.__class__ is _Failed:
                raise unguarded.error
        citizen: CitizenId = v[0]
        return RosterRow(
            citizen=citizen, name=v[1], written_sex=v[2], ethnicity=v[3], phone=v[4],
            program_text=v[5] or self.program or "", period=v[6], quantity=v[7], standard_fen=v[8], due_fen=v[9],
            paid_fen=v[10], due_date=v[11], paid_date=v[12], method=v[13], bank=v[14], account=v[15],
            holder_name=v[16], holder_id=v[17], township=v[18], village=v[19], group=v[20],
            household_no=v[21], head_name=v[22], head_id=v[23], remark=v[24], warnings=id_warnings(citizen))

    def _rejections(self, got: Mapping[Field, list[Outcome]], periods: list[Outcome],
                    count: int) -> dict[int, RowRejected]:
        """Each failing row's first failure, checked in `parse_roster_row`'s order."""
        rejected: dict[int, RowRejected] = {}

        def fail(column: Field, outcomes: list[Outcome]) -> None:
            for i, o in enumerate(outcomes):
                if o.__class__ is _Failed and i not in rejected:
                    rejected[i] = RowRejected(column, o.error.message_zh)

        fail(Field.NAME, got[Field.NAME])
        fail(Field.ID_NUMBER, got[Field.ID_NUMBER])
        if self.program is None:
            for i, text in enumerate(got[Field.PROGRAM]):
                if not text and i not in rejected:
                    rejected[i] = RowRejected(Field.PROGRAM, NO_PROGRAM)
        for i, p in enumerate(periods):
            if p.__class__ is RowRejected and i not in rejected:
                rejected[i] = p
        fail(Field.PAID, got[Field.PAID])
        fail(Field.DUE, got[Field.DUE])
        for i, (paid, due) in enumerate(zip(got[Field.PAID], got[Field.DUE], strict=True)):
            if paid is None and due is None and i not in rejected:
                rejected[i] = RowRejected(Field.PAID, NO_MONEY)
        for column in (Field.QUANTITY, Field.STANDARD, Field.DUE_DATE, Field.PAID_DATE, Field.ACCOUNT,
                       Field.HOLDER_ID, Field.HEAD_ID, Field.GROUP):
            fail(column, got[column])
        return rejected

    def _column(self, key: object, fn: Callable[[Any], Any], values: Sequence[Any], *,
                keys: Sequence[Any] | None = None) -> list[Outcome]:
        """fn over a column, once per distinct value (1, 1.0 and "1" are different values).

        `keys` tell the values apart where a value alone would not (cells with their types).
        """
        types = {v.__class__ for v in values}
        if len(types) == 1 and keys is None:  # the usual column: one type, the values themselves as keys
            memo = self._memo.setdefault((key, *types), {})
            for v in set(values) - memo.keys():
                memo[v] = _outcome(fn, v)
            return [memo[v] for v in values]
        memo = self._memo.setdefault(key, {})
        if keys is None:
            keys = [(v.__class__, v) for v in values]
        for k, v in zip(keys, values, strict=True):
            if k not in memo:
                memo[k] = _outcome(fn, v)
        return [memo[k] for k in keys]

    def _other_ids(self, values: Sequence[object]) -> list[Outcome]:
        """持卡人/户主身份证号: None when blank, else the ID's value (a failure rejects the row)."""
        citizens = self._column(Field.ID_NUMBER, normalize_id, values)
        blanks = self._column("blank", is_blank, values)
        return [None if blank else (c if c.__class__ is _Failed else c.value)
                for c, blank in zip(citizens, blanks, strict=True)]

    def _period(self, pair: tuple[object, object]) -> Period | RowRejected:
        try:
            return row_period(pair[0], pair[1], self.period)
        except RowRejected as exc:
            return RowRejected(exc.column, exc.message_zh)  # without the traceback (see _outcome)

    @staticmethod
    def _method(facts: tuple[str | None, bool, str | None]) -> str:
        written, has_account, remark = facts
        return method_of(written, "" if has_account else None, remark)
