"""Every rule's implementation by code: payment, list and notice rules, each in its own module."""

from __future__ import annotations

from collections.abc import Mapping

from yikatong_desktop.services.checks.engine import RuleImpl
from yikatong_desktop.services.checks.list_rules import IMPLS as LIST_IMPLS
from yikatong_desktop.services.checks.notice_rules import IMPLS as NOTICE_IMPLS
from yikatong_desktop.services.checks.payment_rules import IMPLS as PAYMENT_IMPLS

IMPLS: Mapping[str, RuleImpl] = {**PAYMENT_IMPLS, **LIST_IMPLS, **NOTICE_IMPLS}
