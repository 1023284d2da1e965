"""The one place secrets come from (SPEC §9, §12): environment, then a terminal prompt, else exit 2."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Mapping

from yikatong_desktop.domain.errors import MissingSecret, UsageError
from yikatong_desktop.domain.messages import message

KEY_PASSPHRASE = "YKT_KEY_PASSPHRASE"
USER = "YKT_USER"
PASSWORD = "YKT_PASSWORD"

NEW_PASSWORD = "YKT_NEW_PASSWORD"
#: Protects a PKCS#12 file carrying an issued signing certificate and its key (`ykt keys issue-cert/import-cert`).
P12_PASSPHRASE = "YKT_P12_PASSPHRASE"

_WHAT = {KEY_PASSPHRASE: "secret.key_passphrase", USER: "secret.user", PASSWORD: "secret.password",
         NEW_PASSWORD: "secret.new_password", P12_PASSPHRASE: "secret.p12_passphrase"}
#: Typed in the open at a prompt (a name is no secret).
_VISIBLE = {USER}

Prompt = Callable[[str], str]


def _ask_visibly(prompt: str) -> str:
    """A prompt on stderr (stdout may be a --json result), the answer read as typed."""
    sys.stderr.write(prompt)
    sys.stderr.flush()
    return sys.stdin.readline().rstrip("\n")


class Secrets:
    """Reads secrets from the environment, or asks on a terminal; never from argv."""

    def __init__(self, environ: Mapping[str, str] | None = None, prompt: Prompt | None = None,
                 interactive: bool | None = None) -> None:
        self._env = os.environ if environ is None else environ
        self._prompt = prompt or getpass.getpass
        self._interactive = sys.stdin.isatty() if interactive is None else interactive

    def get(self, variable: str, *, confirm: bool = False) -> str:
        """The secret named by an environment variable; `confirm` asks twice at a prompt (new secrets)."""
        value = self._env.get(variable)
        if value:
            return value
        what = message(_WHAT.get(variable, "secret.key_passphrase"))
        if self._interactive:
            ask = _ask_visibly if variable in _VISIBLE and self._prompt is getpass.getpass else self._prompt
            answer = ask(f"{what}（{variable}）: ")
            if answer and confirm and self._prompt(f"再输入一次{what}: ") != answer:
                raise UsageError("secret.mismatch", what=what)
            if answer:
                return answer
        raise MissingSecret("secret.missing", what=what, var=variable)


def login_credentials(secrets: Secrets | None = None) -> tuple[str, str]:
    """The user name and password to log in with: YKT_USER / YKT_PASSWORD, or a prompt."""
    source = secrets or Secrets()
    return source.get(USER), source.get(PASSWORD)
