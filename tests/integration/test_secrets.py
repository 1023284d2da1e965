"""Secrets come from the environment or a terminal prompt, never argv (SPEC §9, §12)."""

from __future__ import annotations

import pytest

from yikatong_desktop.domain.errors import MissingSecret, UsageError
from yikatong_desktop.services.secrets import KEY_PASSPHRASE, Secrets


def test_the_environment_wins_and_nobody_is_asked() -> None:
    asked: list[str] = []
    secrets = Secrets({KEY_PASSPHRASE: "口令"}, prompt=lambda p: asked.append(p) or "x", interactive=True)
    assert secrets.get(KEY_PASSPHRASE, confirm=True) == "口令" and asked == []


def test_without_environment_or_terminal_the_variable_is_named() -> None:
    with pytest.raises(MissingSecret) as caught:
        Secrets({}, interactive=False).get(KEY_PASSPHRASE)
    assert caught.value.exit_code == 2 and "YKT_KEY_PASSPHRASE" in caught.value.text("zh")


def test_a_new_passphrase_is_asked_twice_and_a_typo_changes_nothing() -> None:
    answers = iter(["correct horse", "correct horse"])
    assert Secrets({}, prompt=lambda _p: next(answers), interactive=True).get(KEY_PASSPHRASE, confirm=True) \
        == "correct horse"
    typo = iter(["correct horse", "correct hrose"])
    with pytest.raises(UsageError) as caught:
        Secrets({}, prompt=lambda _p: next(typo), interactive=True).get(KEY_PASSPHRASE, confirm=True)
    assert "不一致" in caught.value.text("zh")


def test_an_empty_answer_at_the_prompt_is_a_missing_secret() -> None:
    with pytest.raises(MissingSecret):
        Secrets({}, prompt=lambda _p: "", interactive=True).get(KEY_PASSPHRASE)
