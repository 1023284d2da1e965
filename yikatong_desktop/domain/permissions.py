"""Roles and what they may do (SPEC §9); checked in one place, services.auth.authorize."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol, runtime_checkable


class Role(StrEnum):
    ADMIN = "admin"
    CLERK = "clerk"
    REVIEWER = "reviewer"
    VIEWER = "viewer"
    DISCIPLINE = "discipline"  # 纪检


ROLE_LABELS = {Role.ADMIN: "管理员", Role.CLERK: "录入", Role.REVIEWER: "审核", Role.VIEWER: "查看",
               Role.DISCIPLINE: "纪检"}


class Action(StrEnum):
    INIT = "init"
    VIEW = "view"
    IMPORT = "import"
    CORRECT = "correct"
    CHECK = "check"
    REGISTER = "register"
    APPROVE = "approve"
    SEE_COMPLAINANTS = "see_complainants"
    SIGN = "sign"
    EXCHANGE = "exchange"
    MANAGE_USERS = "manage_users"
    MANAGE_KEYS = "manage_keys"
    SETTINGS = "settings"
    VERIFY = "verify"
    BACKUP = "backup"
    RESTORE = "restore"


ACTION_LABELS = {
    Action.INIT: "初始化", Action.VIEW: "查看数据", Action.IMPORT: "导入", Action.CORRECT: "更正数据",
    Action.CHECK: "运行自查", Action.REGISTER: "登记问题", Action.APPROVE: "审批销号",
    Action.SEE_COMPLAINANTS: "查看举报人", Action.SIGN: "签名报告", Action.EXCHANGE: "导入导出数据包",
    Action.MANAGE_USERS: "管理用户", Action.MANAGE_KEYS: "管理密钥", Action.SETTINGS: "修改设置",
    Action.VERIFY: "核验", Action.BACKUP: "备份数据库", Action.RESTORE: "从备份恢复",
}

_READ = {Action.VIEW, Action.VERIFY}
PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action) - {Action.SEE_COMPLAINANTS},
    Role.CLERK: frozenset(_READ | {Action.IMPORT, Action.CORRECT, Action.CHECK, Action.REGISTER,
                                   Action.EXCHANGE, Action.BACKUP}),
    Role.REVIEWER: frozenset(_READ | {Action.CHECK, Action.APPROVE, Action.SIGN, Action.BACKUP}),
    Role.VIEWER: frozenset(_READ),
    Role.DISCIPLINE: frozenset(_READ | {Action.SEE_COMPLAINANTS}),
}


def may(role: Role, action: Action) -> bool:
    """Whether a role may perform an action."""
    return action in PERMISSIONS[role]


@runtime_checkable
class Registered(Protocol):
    """What someone registered (a problem in the ledger, 挂号): approving its 销号 takes another person."""

    @property
    def registered_by(self) -> str:
        """The name of the user who registered it."""
        ...
