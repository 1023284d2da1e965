"""`ykt keys show|issue-cert|import-cert|trust-cert|export-cert` and `ykt verify FILE.pdf` (SPEC §7, §10, §12).

The org's PDF-signing identity: its certificate (self-issued at `init`, or issued by the county and
imported), the certificates it trusts, and the check of a signed PDF anyone can run.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.cli.words import json_flag, zh_en
from yikatong_desktop.domain.clock import LOCAL_TZ
from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.formats import certificates, keystore
from yikatong_desktop.formats.files import write_bytes_atomically
from yikatong_desktop.formats.pdf_signature import SignatureCheck
from yikatong_desktop.services import peers, signing
from yikatong_desktop.services.auth import authorize
from yikatong_desktop.services.secrets import KEY_PASSPHRASE, P12_PASSPHRASE, Secrets


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`keys` with its subcommands, and `verify`, on the main parser's subcommands."""
    s = sub.add_parser("keys", help=zh_en("本单位的签名证书和密钥指纹；签发、导入、信任证书",
                                          "this office's signing certificate and key fingerprints; issue, import, "
                                          "trust certificates"))
    k = s.add_subparsers(dest="keys_command", metavar="SUBCOMMAND", parser_class=type(s))
    k.required = True
    k.add_parser("show", help=zh_en("本单位的签名证书（主题、签发者、有效期、指纹）、密钥指纹和受信任的证书",
                                    "this office's signing certificate (subject, issuer, validity, fingerprint), key "
                                    "fingerprints and trusted certificates")).add_argument("--json", **json_flag())
    issue = k.add_parser("issue-cert", help=zh_en("（县、州）为下级单位签发签名证书，写成 .p12 文件"
                                                  "（口令取自 YKT_P12_PASSPHRASE）",
                                                  "(county, prefecture) issue a signing certificate to an office "
                                                  "below, as a .p12 file (passphrase from YKT_P12_PASSPHRASE)"))
    issue.add_argument("--for", dest="org", required=True, metavar="ORG",
                       help=zh_en("下级单位的代码或名称", "code or name of the office below"))
    issue.add_argument("--out", type=Path, required=True, help=zh_en("写入的 .p12 文件", "the .p12 file to write"))
    issue.add_argument("--json", **json_flag())
    imp = k.add_parser("import-cert", help=zh_en("导入上级签发给本单位的 .p12 证书，今后用它签名",
                                                 "import the .p12 certificate the office above issued to this "
                                                 "office, and sign with it from now on"))
    imp.add_argument("file", type=Path)
    imp.add_argument("--json", **json_flag())
    trust = k.add_parser("trust-cert", help=zh_en("信任另一个单位（或上级）的证书：用它签名的 PDF 核验为可信",
                                                  "trust another office's (or the office above's) certificate: PDFs "
                                                  "signed with it verify as trusted"))
    trust.add_argument("file", type=Path, help=zh_en("证书文件（.pem、.crt、.cer、.der）",
                                                     "certificate file (.pem, .crt, .cer, .der)"))
    trust.add_argument("--fingerprint", metavar="HEX",
                       help=zh_en("对方告知的证书指纹（SHA-256）：不符则不信任",
                                  "the certificate fingerprint (SHA-256) the other office told you: not trusted "
                                  "if it differs"))
    trust.add_argument("--note", help=zh_en("备注（如单位名称、经办人）", "note (e.g. office name, person in charge)"))
    trust.add_argument("--json", **json_flag())
    export = k.add_parser("export-cert", help=zh_en("把本单位的签名证书写成 .pem 文件，交给需要核验本单位签名的单位",
                                                    "write this office's signing certificate as a .pem file, for "
                                                    "the offices that verify its signatures"))
    export.add_argument("--out", type=Path, required=True)
    pub = k.add_parser("export", help=zh_en("写出本单位的公钥文件（数据交换用：签名、加密公钥和证书），交给上级或下级",
                                            "write this office's public keys file (for data exchange: signing and "
                                            "encryption public keys and certificate), for the offices above or "
                                            "below"))
    pub.add_argument("--out", type=Path, required=True,
                     help=zh_en("写入的文件，如 大丰镇公钥.json", "the file to write, e.g. dafeng-keys.json"))
    pub.add_argument("--json", **json_flag())
    tr = k.add_parser("trust", help=zh_en("信任另一个单位的公钥文件：先当面或电话核对指纹（--fingerprint）",
                                          "trust another office's public keys file: check the fingerprint in "
                                          "person or by phone first (--fingerprint)"))
    tr.add_argument("file", type=Path, help=zh_en("对方 ykt keys export 写出的公钥文件",
                                                  "the public keys file the other office wrote with ykt keys export"))
    check = tr.add_mutually_exclusive_group()
    check.add_argument("--fingerprint", metavar="HEX",
                       help=zh_en("对方告知的签名密钥指纹（至少 16 位）",
                                  "the signing key fingerprint the other office told you (at least 16 digits)"))
    check.add_argument("--yes", action="store_true",
                       help=zh_en("指纹已另行核对（脚本用）", "the fingerprint was checked otherwise (for scripts)"))
    tr.add_argument("--note", default="", help=zh_en("备注（如经办人、核对方式）",
                                                     "note (e.g. person in charge, how it was checked)"))
    tr.add_argument("--json", **json_flag())
    kb = k.add_parser("backup", help=zh_en("把密钥库（仍由密钥口令加密）另存一份，妥善保管",
                                           "save a copy of the keystore (still encrypted by the key passphrase); "
                                           "keep it safe"))
    kb.add_argument("--out", type=Path, required=True,
                    help=zh_en("写入的文件（如U盘上的 本单位密钥库.keys）",
                               "the file to write (e.g. office.keys on a USB stick)"))
    rv = k.add_parser("revoke", help=zh_en("吊销一个单位的密钥：今后拒收其数据包，吊销记录随数据包下发",
                                           "revoke an office's keys: its packages are refused from now on; the "
                                           "revocation travels down with the packages"))
    rv.add_argument("org",
                    help=zh_en("单位代码（或受信任单位的名称）", "office code (or the name of a trusted office)"))
    rv.add_argument("--reason", default="", help=zh_en("吊销原因", "reason for revoking"))
    rv.add_argument("--json", **json_flag())
    s = sub.add_parser("verify", help=zh_en("核验 PDF 的数字签名：谁签的、何时签的、签名后是否被修改、签名人是否可信",
                                            "verify a PDF's digital signatures: who signed, when, whether it was "
                                            "changed after signing, whether the signer is trusted"))
    s.add_argument("file", type=Path, help=zh_en("PDF 文件", "PDF file"))
    s.add_argument("--json", **json_flag())


def run_keys(args: argparse.Namespace) -> int:
    """Run `ykt keys …`."""
    command = args.keys_command
    if command in ("issue-cert", "export-cert", "export", "backup"):
        _check_folder(args.out)
    app = bootstrap.open_app(args.db)
    try:
        if command == "show":
            return _show(app, args)
        if command == "export-cert":
            cert = keystore.pdf_certificate(keystore.read_keystore(app.keystore_path))
            write_bytes_atomically(args.out, certificates.to_pem(cert).encode("ascii"), mode=0o644)
            say(message("keys.cert_exported", path=args.out,
                        fingerprint=certificates.grouped(certificates.fingerprint(cert))))
            return 0
        if command == "issue-cert":
            return _issue(app, args)
        if command == "import-cert":
            return _import(app, args)
        if command in _PEER_COMMANDS:
            return _PEER_COMMANDS[command](app, args)
        return _trust(app, args)
    finally:
        app.close()


def _check_folder(path: Path) -> None:
    if not path.expanduser().resolve().parent.is_dir():
        raise InputRejected("keys.no_folder", path=str(path))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputRejected("file.missing", path=str(path)) from exc
    except OSError as exc:
        raise InputRejected("file.unreadable", reason=f"{path}: {exc.strerror}") from exc


def _local(moment: datetime | None) -> str:
    return f"{moment.astimezone(LOCAL_TZ):%Y-%m-%d %H:%M}" if moment else "-"


def _cert_json(info: certificates.CertificateInfo) -> dict[str, Any]:
    return {"subject": info.common_name, "org": info.org_name, "org_code": info.org_code, "issuer": info.issuer,
            "not_before": info.not_before.isoformat(), "not_after": info.not_after.isoformat(),
            "fingerprint": info.fingerprint, "ca": info.is_ca}


def _show(app: bootstrap.App, args: argparse.Namespace) -> int:
    doc = keystore.read_keystore(app.keystore_path)
    with app.reader() as uow:
        trusted = signing.trusted_certificates(uow, app.keystore_path)
        offices = peers.list_peers(uow, app.actor)
    own = trusted[0].info
    chain = [certificates.describe(c) for c in keystore.pdf_chain(doc)]
    prints = doc["public"]["fingerprints"]
    if args.json:
        emit_json({"org": doc["org"], "certificate": _cert_json(own), "chain": [_cert_json(c) for c in chain],
                   "ed25519": prints["ed25519"], "x25519": prints["x25519"],
                   "trusted": [{**_cert_json(t.info), "own": t.own, "note": t.note, "added_by": t.added_by,
                                "added_at": t.added_at} for t in trusted],
                   "peers": [_peer_json(p) for p in offices]})
        return 0
    rows = [(zh_en("单位", "Office"), zh_en(f"{doc['org']['name']}（{doc['org']['code']}）",
                                             f"{doc['org']['name']} ({doc['org']['code']})")),
            (zh_en("签名证书", "Signing certificate"), own.common_name),
            (zh_en("签发者", "Issuer"), own.issuer + (zh_en("（自签发，可为下级签发证书）",
                                                             " (self-issued; can issue certificates to offices "
                                                             "below)") if own.is_ca else "")),
            (zh_en("有效期", "Valid"), zh_en(f"{_local(own.not_before)} 至 {_local(own.not_after)}",
                                            f"{_local(own.not_before)} to {_local(own.not_after)}")),
            (zh_en("证书指纹 SHA-256", "Certificate fingerprint SHA-256"), certificates.grouped(own.fingerprint)),
            (zh_en("数据包签名密钥 Ed25519", "Package signing key Ed25519"), prints["ed25519"]),
            (zh_en("数据包加密密钥 X25519", "Package encryption key X25519"), prints["x25519"])]
    print(table([zh_en("项目", "Item"), zh_en("内容", "Value")], rows))
    print()
    print(table([zh_en("受信任的证书", "Trusted certificate"), zh_en("单位代码", "Office code"),
                 zh_en("有效期至", "Valid until"), zh_en("指纹", "Fingerprint"), zh_en("备注", "Note")],
                [(t.info.common_name, t.info.org_code, _local(t.info.not_after),
                  certificates.grouped(t.info.fingerprint)[:19] + "…", t.note) for t in trusted]))
    if offices:
        print()
        print(table([zh_en("数据交换单位", "Exchange office"), zh_en("单位代码", "Office code"),
                     zh_en("签名密钥指纹", "Signing key fingerprint"), zh_en("信任于", "Trusted on"),
                     zh_en("状态", "Status")],
                    [(p.org_name, p.org_code, p.fingerprint, _local(p.trusted_at),
                      zh_en(f"已吊销（{_local(p.revoked_at)}）", f"revoked ({_local(p.revoked_at)})") if p.revoked_at
                      else zh_en("受信任", "trusted")) for p in offices]))
    say(message("sign.not_legal_seal"))
    return 0


def _issue(app: bootstrap.App, args: argparse.Namespace) -> int:
    authorize(app.actor, Action.MANAGE_KEYS)  # a user who may not is told so, not asked for passphrases
    passphrase = Secrets().get(KEY_PASSPHRASE)
    p12_passphrase = Secrets().get(P12_PASSPHRASE, confirm=True)
    with app.uow() as uow:
        done = signing.issue_certificate(uow, app.actor, app.keystore_path, passphrase, args.org, p12_passphrase,
                                         args.out)
        uow.commit()
    say(message("keys.issued", name=done.org_name, code=done.org_code, until=_local(done.info.not_after),
                path=args.out, fingerprint=certificates.grouped(done.info.fingerprint)))
    if args.json:
        emit_json({"org": done.org_code, "name": done.org_name, "file": str(args.out),
                   "certificate": _cert_json(done.info)})
    return 0


def _import(app: bootstrap.App, args: argparse.Namespace) -> int:
    authorize(app.actor, Action.MANAGE_KEYS)
    data = _read(args.file)
    p12_passphrase = Secrets().get(P12_PASSPHRASE)
    passphrase = Secrets().get(KEY_PASSPHRASE)
    with app.uow() as uow:
        done = signing.import_certificate(uow, app.actor, app.keystore_path, passphrase, data, p12_passphrase,
                                          file_name=args.file.name)
        uow.commit()
    say(message("keys.imported", issuer=done.issuer.org_name or done.issuer.common_name,
                fingerprint=certificates.grouped(done.info.fingerprint)))
    if args.json:
        emit_json({"certificate": _cert_json(done.info), "issuer": _cert_json(done.issuer)})
    return 0


def _trust(app: bootstrap.App, args: argparse.Namespace) -> int:
    data = _read(args.file)
    with app.uow() as uow:
        known, new = signing.trust_certificate(uow, app.actor, app.keystore_path, data, file_name=args.file.name,
                                               note=args.note or "", expect_fingerprint=args.fingerprint)
        uow.commit()
    info = known.info
    if new:
        say(message("keys.trusted", name=info.org_name or info.common_name, code=info.org_code or "-",
                    fingerprint=certificates.grouped(info.fingerprint)))
    else:
        say(message("keys.already_trusted", name=info.org_name or info.common_name,
                    fingerprint=certificates.grouped(info.fingerprint)))
    if args.json:
        emit_json({"new": new, **_cert_json(info)})
    return 0


def _export_public(app: bootstrap.App, args: argparse.Namespace) -> int:
    with app.uow() as uow:
        mine = peers.export_public(uow, app.actor, app.keystore_path, args.out)
        uow.commit()
    say(message("keys.exported", path=args.out, fingerprint=mine.fingerprint))
    if args.json:
        emit_json({"file": str(args.out), **mine.to_json()})
    return 0


def _trust_peer(app: bootstrap.App, args: argparse.Namespace) -> int:
    keys = peers.read_public(_read(args.file), args.file.name)
    confirmed = bool(args.yes)
    if args.fingerprint is None and not confirmed:
        if not sys.stdin.isatty():
            raise UsageError("keys.trust_unconfirmed", name=keys.org_name, fingerprint=keys.fingerprint)
        answer = input(message("keys.trust_prompt", name=keys.org_name, code=keys.org_code,
                               fingerprint=keys.fingerprint))
        if answer.strip().lower() not in ("yes", "y", "是"):
            raise InputRejected("keys.trust_declined")
        confirmed = True
    with app.uow() as uow:
        peer, new = peers.trust(uow, app.actor, app.keystore_path, keys, expect_fingerprint=args.fingerprint,
                                confirmed=confirmed, note=args.note)
        uow.commit()
    key = "keys.peer_trusted" if new else "keys.peer_already"
    say(message(key, name=peer.org_name, code=peer.org_code, fingerprint=peer.fingerprint))
    if args.json:
        emit_json({"new": new, **_peer_json(peer)})
    return 0


def _revoke(app: bootstrap.App, args: argparse.Namespace) -> int:
    with app.uow() as uow:
        peer = peers.revoke(uow, app.actor, args.org, reason=args.reason)
        uow.commit()
    say(message("keys.peer_revoked", name=peer.org_name, code=peer.org_code))
    if args.json:
        emit_json(_peer_json(peer))
    return 0


def _peer_json(peer: peers.Peer) -> dict[str, Any]:
    return {"org": peer.org_code, "name": peer.org_name, "level": peer.level, "fingerprint": peer.fingerprint,
            "exchange_fingerprint": peer.exchange_fingerprint, "note": peer.note,
            "trusted_at": peer.trusted_at.isoformat(), "trusted_by": peer.trusted_by, "revoked": peer.revoked,
            "revoked_at": peer.revoked_at.isoformat() if peer.revoked_at else None, "revoked_by": peer.revoked_by,
            "revoke_reason": peer.revoke_reason}


def _backup_keys(app: bootstrap.App, args: argparse.Namespace) -> int:
    with app.uow() as uow:
        peers.backup_keystore(uow, app.actor, app.keystore_path, args.out)
        uow.commit()
    say(message("keys.backed_up", path=args.out))
    return 0


_PEER_COMMANDS = {"export": _export_public, "trust": _trust_peer, "revoke": _revoke, "backup": _backup_keys}


def run_verify(args: argparse.Namespace) -> int:
    """`ykt verify FILE.pdf`: 0 when every signature is valid, unchanged since and trusted; 3 otherwise."""
    data = _read(args.file)
    app = bootstrap.open_app(args.db)
    try:
        with app.reader() as uow:
            checks = signing.verify(uow, app.actor, data, keystore_path=app.keystore_path)
    finally:
        app.close()
    if args.json:
        emit_json({"file": str(args.file), "ok": bool(checks) and all(c.ok for c in checks),
                   "signatures": [_check_json(c) for c in checks]})
    else:
        for n, check in enumerate(checks, start=1):
            print(message("sign.line", n=n, signer=check.signer or "-", code=check.org_code or "-",
                          time=_local(check.signing_time), reason=check.reason()))
            print(zh_en(f"    证书指纹 SHA-256：{certificates.grouped(check.fingerprint)}",
                        f"    Certificate fingerprint SHA-256: {certificates.grouped(check.fingerprint)}"))
            if check.timestamped:
                stamp = "sign.timestamp_trusted" if check.timestamp_trusted else "sign.timestamp_untrusted"
                print("    " + message(stamp))
    if not checks:
        say(message("sign.verify_none", file=args.file.name))
        return 3
    if all(c.ok for c in checks):
        say(message("sign.verify_ok", count=len(checks)))
        return 0
    reasons = zh_en("；", "; ").join(dict.fromkeys(c.reason() for c in checks if not c.ok))
    say(message("sign.verify_bad", reasons=reasons))
    return 3


def _check_json(check: SignatureCheck) -> dict[str, Any]:
    return {"field": check.field, "signer": check.signer, "org": check.org, "org_code": check.org_code,
            "signing_time": check.signing_time.isoformat() if check.signing_time else None,
            "timestamped": check.timestamped, "timestamp_trusted": check.timestamp_trusted, "intact": check.intact,
            "valid": check.valid, "trusted": check.trusted, "covers_whole_document": check.covers_whole_document,
            "fingerprint": check.fingerprint, "status": check.status, "reason_zh": check.reason_zh,
            "reason": check.reason(), "ok": check.ok}


COMMANDS = {"keys": run_keys, "verify": run_verify}
