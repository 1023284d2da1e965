"""Exchange packages between offices (SPEC §8): export what changed, import and merge whatever the order.

Export (`ykt package export --to ORG`): upward (to the office above), this office's own records and
voids changed since the last package to that recipient (`full`: all of them), with the identities
they name; downward, the catalogue, standards, lists and key revocations. Complainants never go
downward (complaints do not). Each package carries the head of the sender's audit chain.

Import (`ykt package import F`): the container's checks (formats.package_file), then those that need
the database: a package seen before is a no-op; the same sequence with other contents, or an epoch
older than the sender's last, is refused; a gap in the sequence is reported. Then everything is merged
in one transaction (storage.exchange_store); a dry run does the same and is rolled back by the caller.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.canonical import canonical_json
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.formats import keystore
from yikatong_desktop.formats import package_file as pf
from yikatong_desktop.services import ledger, peers
from yikatong_desktop.services.audit import org_code, record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.storage import exchange_store as store
from yikatong_desktop.storage import ledger_store
from yikatong_desktop.storage.exchange_store import KINDS, KindResult
from yikatong_desktop.storage.unit_of_work import UnitOfWork

PAYLOAD_FORMAT = "ykt-payload"
PAYLOAD_VERSION = 1
EPOCH_SETTING = "exchange.epoch"
#: What goes down to the offices below: the catalogue, standards, lists and key revocations.
DOWNWARD = ("org_units", "programs", "program_standards", "person_statuses", "public_employees", "cadres",
            "eligible_entries", "key_revocations", "decisions")
#: Decisions about problems go down to the office that registered the problem, never up.
_NOT_UPWARD = frozenset({"decisions"})


@dataclass(frozen=True)
class Exported:
    """A package written: to whom, which one, how many records of each kind."""

    path: Path
    recipient: str
    recipient_name: str
    direction: str
    epoch: int
    sequence: int
    sha256: str
    counts: dict[str, int]
    full: bool


@dataclass
class Imported:
    """What importing a package did (or, in a dry run, would do)."""

    file: str
    sender: str
    sender_name: str
    package_id: str
    epoch: int
    sequence: int
    dry_run: bool
    already: bool = False
    kinds: dict[str, KindResult] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # gaps, audit chain remarks

    def totals(self) -> dict[str, int]:
        out = {"added": 0, "changed": 0, "unchanged": 0, "older": 0, "refused": 0}
        for r in self.kinds.values():
            for key in out:
                out[key] += int(getattr(r, key))
        return out

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "sender": self.sender, "sender_name": self.sender_name,
                "package_id": self.package_id, "epoch": self.epoch, "sequence": self.sequence,
                "dry_run": self.dry_run, "already": self.already, "totals": self.totals(),
                "kinds": {k: r.to_json() for k, r in self.kinds.items()}, "notes": self.notes}


def epoch(uow: UnitOfWork) -> int:
    """This office's epoch: a new one after each restore from backup."""
    return int(uow.get_setting(EPOCH_SETTING, 1))


def start_new_epoch(uow: UnitOfWork, after: int) -> int:
    """After a restore: packages from now on belong to a new epoch, later than `after` (the epoch before
    the restore) and than the backup's, so their sequence numbers are never taken for replays."""
    new = max(after, epoch(uow)) + 1
    uow.set_setting(EPOCH_SETTING, new)
    return new


def _direction(uow: UnitOfWork, me: str, peer: str) -> str:
    mine = uow.records.org_by_code(me)
    theirs = uow.records.org_by_code(peer)
    # By the org units known here, else by the codes themselves (a township's code extends its county's)
    if (mine is not None and mine.parent_code == peer) or (theirs is None and me.startswith(peer) and me != peer):
        return "up"
    if (theirs is not None and theirs.parent_code == me) or (theirs is None and peer.startswith(me) and peer != me):
        return "down"
    raise InputRejected("package.not_neighbour", code=peer)


def export_package(uow: UnitOfWork, actor: Actor, keystore_path: Path, passphrase: str, to: str, out: Path, *,
                   full: bool = False) -> Exported:
    """Build, sign, seal and write a package for `to`; recorded in the package log and audited."""
    authorize(actor, Action.EXCHANGE)
    me = org_code(uow)
    recipient = peers.peer_keys(uow).get(to.strip()) or next(
        (p for p in peers.peer_keys(uow).values() if p.name == to.strip()), None)
    if recipient is None:
        raise InputRejected("package.unknown_recipient", org=to)
    if recipient.revoked:
        raise InputRejected("package.recipient_revoked", org=recipient.name, code=recipient.code)
    direction = _direction(uow, me, recipient.code)
    keys = keystore.unlock(keystore_path, passphrase)
    sent = store.log_rows(uow.conn, "out", recipient.code)
    now_epoch = epoch(uow)
    last = sent[-1] if sent else None
    since = 0 if full or last is None else int(last.watermark or 0)
    sequence = int(last.sequence) + 1 if last is not None and int(last.epoch) == now_epoch else 1
    records = _collect(uow, me, direction, since, recipient.code)
    counts = {k: len(v) for k, v in records["records"].items() if v}
    upto = 0
    if direction == "up":  # what came from below, passed on verbatim with the keys it was checked with
        after = 0 if full or last is None else int(json.loads(last.summary or "{}").get("forwarded_upto", 0))
        forwarded, vouched, upto = _passed_on(uow, recipient.code, after)
        records |= {"forwarded": forwarded, "vouched": vouched}
        if forwarded:
            counts["forwarded_packages"] = len(forwarded)
    head = uow.audit.head(me)
    audit_head = {"seq": head[0], "hash": head[1]} if head else None
    payload = canonical_json({"format": PAYLOAD_FORMAT, "version": PAYLOAD_VERSION, "sender": me,
                              "recipient": recipient.code, "direction": direction, "full": full, "since": since,
                              "audit_head": audit_head, **records})
    doc = keystore.read_keystore(keystore_path)
    me_party = pf.Party(me, str(doc["org"]["name"]), str(doc["public"]["fingerprints"]["ed25519"]))
    created = uow.clock.now().isoformat()
    data = pf.build(payload, sender=me_party, recipient=recipient, signing_key=keys.signing,
                    package_id=str(uuid.uuid4()), epoch=now_epoch, sequence=sequence, created=created,
                    counts=counts, previous=str(last.sha256) if last is not None else None, audit_head=audit_head,
                    direction=direction)
    sha = pf.write(out, data)
    header = pf.read_header(data)
    store.log(uow.conn, {"direction": "out", "peer_code": recipient.code, "package_id": header.package_id,
                         "epoch": now_epoch, "sequence": sequence, "sha256": sha, "created": created,
                         "counts": json.dumps(counts, sort_keys=True), "audit_head": json.dumps(audit_head),
                         "watermark": int(uow.get_setting("lamport", 0)),
                         "summary": json.dumps({"forwarded_upto": upto}), "file_name": out.name,
                         "at": uow.clock.now(), "actor": actor.name})
    record_event(uow, actor, "package.export", detail={"to": recipient.code, "epoch": now_epoch,
                                                       "sequence": sequence, "sha256": sha, "full": full,
                                                       "counts": counts, "file": out.name})
    return Exported(out, recipient.code, recipient.name, direction, now_epoch, sequence, sha, counts, full)


def _collect(uow: UnitOfWork, me: str, direction: str, since: int, recipient: str) -> dict[str, Any]:
    """The records, notice rows and files a package carries.

    Every package is whole by itself: the records it names (an import batch, a problem, a payment)
    come with it even when they did not change, so packages can be merged in any order.
    """
    kinds = tuple(k for k in KINDS if k not in _NOT_UPWARD) if direction == "up" else DOWNWARD
    records: dict[str, dict[Any, dict[str, Any]]] = {k: {} for k in KINDS}
    wanted: dict[str, set[Any]] = {}
    for kind in kinds:
        if kind not in store.IDENTITY_KEYS:
            records[kind] = {r["uid"]: r for r in store.owned_rows(uow.conn, kind, me, since)}
    if direction == "down":  # a decision goes to the office whose problem it is about
        theirs = {str(u) for u in store.problems_of(uow.conn, recipient)}
        records["decisions"] = {u: r for u, r in records["decisions"].items() if r["problem"] in theirs}
    for kind in reversed(KINDS):  # a kind names only kinds before it: one pass backwards is enough
        if kind in store.IDENTITY_KEYS:
            # Upward, every identity changed since; downward, the catalogue's and those the lists name
            changed = since if direction == "up" or kind in kinds else None
            found = store.identity_rows(uow.conn, kind, changed, wanted.pop(kind, set()))
            records[kind] = {store.natural_key(kind, r): r for r in found}
        else:  # named records come along when they are this office's own (others' are their owners' to send)
            missing = wanted.pop(kind, set()) - set(records[kind]) if kind in wanted else set()
            records[kind].update({r["uid"]: r for r in store.rows_by_uid(uow.conn, kind, missing)
                                  if r["owner_org"] == me})
        for target, keys in store.references(kind, records[kind].values()).items():
            wanted[target] = wanted.get(target, set()) | keys
    out = {k: list(v.values()) for k, v in records.items()}
    notices = [r["uid"] for r in out["notices"]]
    blobs: dict[str, str] = {}
    for kind in ("evidence_files", "reports"):
        for sha in sorted(store.blob_hashes(kind, out[kind])):
            content = ledger_store.blob(uow.conn, sha)
            if content is not None:
                blobs[sha] = base64.b64encode(content).decode("ascii")
    return {"records": out, "notice_rows": store.notice_rows_of(uow.conn, notices), "blobs": blobs}


def _passed_on(uow: UnitOfWork, recipient: str, after: int) -> tuple[list[dict[str, str]], dict[str, Any], int]:
    """The packages received (log ids above `after`) to pass on to `recipient`, with their payloads, the
    public keys of their senders, and the highest log id passed on."""
    forwarded: list[dict[str, str]] = []
    vouched: dict[str, Any] = {}
    upto = after
    keys = {p.code: p for p in peers.peer_keys(uow).values()}
    for row in store.log_rows(uow.conn, "in"):
        if int(row.id) <= after or row.peer_code == recipient:
            continue
        raw = ledger_store.blob(uow.conn, str(row.sha256))
        if raw is None:
            continue
        plain = ledger_store.blob(uow.conn, pf.read_header(raw).payload_sha256)
        sender = keys.get(str(row.peer_code))
        if plain is None or sender is None:
            continue
        forwarded.append({"package": base64.b64encode(raw).decode("ascii"),
                          "payload": base64.b64encode(plain).decode("ascii")})
        vouched[sender.code] = {"name": sender.name, "ed25519": base64.b64encode(sender.ed25519).decode("ascii"),
                                "x25519": base64.b64encode(sender.x25519).decode("ascii")}
        upto = max(upto, int(row.id))
    return forwarded, vouched, upto


def import_package(uow: UnitOfWork, actor: Actor, keystore_path: Path, passphrase: str, data: bytes, *,
                   file_name: str, dry_run: bool = False) -> Imported:
    """Check and merge one package in the caller's transaction (a dry run: the caller rolls back).

    The packages an office passed on from below come verbatim with their payloads: each is checked
    against its own sender's key (vouched for by the office that passed it on, which may vouch only
    for offices directly below it), against the payload it carries, and merged as that sender's.
    """
    authorize(actor, Action.EXCHANGE)
    me = org_code(uow)
    keys = keystore.unlock(keystore_path, passphrase)
    opened = pf.open_package(data, own_code=me, own_exchange=keys.exchange, peers=peers.peer_keys(uow),
                             name=file_name)
    h = opened.header
    result = Imported(file_name, h.sender.code, h.sender.name, h.package_id, h.epoch, h.sequence, dry_run)
    if store.logged(uow.conn, "in", sha256=opened.sha256) is not None:
        result.already = True
        return result
    payload = _payload(opened.payload, h, file_name)
    _merge_payload(uow, actor, h, data, opened.payload, payload, result, file_name=file_name, via=None, depth=0)
    record_event(uow, actor, "package.import", detail={"from": h.sender.code, "epoch": h.epoch,
                                                       "sequence": h.sequence, "sha256": opened.sha256,
                                                       "totals": result.totals(), "dry_run": dry_run})
    return result


def _merge_payload(uow: UnitOfWork, actor: Actor, h: pf.Header, raw: bytes, plain: bytes, payload: Mapping[str, Any],
                   result: Imported, *, file_name: str, via: pf.Header | None, depth: int) -> None:
    """Merge one package's records as its sender's, then the packages it passed on; log it."""
    _refuse_replays(uow, h, file_name)
    result.notes += _gaps(uow, h)
    now = uow.clock.now()
    resolver = store.Resolver(uow.conn)
    highest = 0
    for kind in KINDS:
        items = payload["records"].get(kind) or []
        if items:
            merged = store.merge_kind(uow.conn, resolver, kind, items, sender=h.sender.code, now=now)
            result.kinds[kind] = _added(result.kinds.get(kind), merged)
            highest = max(highest, store.max_version(items))
    for notice_uid, rows in sorted(payload.get("notice_rows", {}).items()):
        if not store.put_notice_rows(uow.conn, resolver, notice_uid, rows):
            result.notes.append(f"公示 {notice_uid} 的明细行引用了未知的发放记录，未导入明细")
    for sha, encoded in sorted(payload.get("blobs", {}).items()):
        content = base64.b64decode(encoded)
        if hashlib.sha256(content).hexdigest() == sha:
            ledger_store.store_blob(uow.conn, sha, content)
    uow.observe_version(highest)
    for decision in payload["records"].get("decisions") or []:  # a higher office decided about our problem
        done = ledger.apply_decision(uow, h.sender.name, decision)
        if done:
            result.notes.append(done)
    result.notes += _audit_remarks(uow, h)
    sha = hashlib.sha256(raw).hexdigest()
    ledger_store.store_blob(uow.conn, sha, raw)  # kept verbatim, with its payload, to be passed upward
    ledger_store.store_blob(uow.conn, h.payload_sha256, plain)
    summary = {"via": via.sender.code if via else None, "totals": result.totals()}
    store.log(uow.conn, {"direction": "in", "peer_code": h.sender.code, "package_id": h.package_id, "epoch": h.epoch,
                         "sequence": h.sequence, "sha256": sha, "created": h.created,
                         "counts": json.dumps(dict(h.counts), sort_keys=True),
                         "audit_head": json.dumps(dict(h.audit_head) if h.audit_head else None), "watermark": None,
                         "summary": json.dumps(summary, ensure_ascii=False, sort_keys=True),
                         "file_name": file_name, "at": now, "actor": actor.name})
    forwarded = payload.get("forwarded") or []
    if forwarded and depth >= 3:
        raise InputRejected("package.forward_mismatch", file=file_name, org=h.sender.name)
    vouched = payload.get("vouched") or {}
    for item in forwarded:
        _merge_forwarded(uow, actor, h, item, vouched, result, file_name=file_name, depth=depth + 1)


def _merge_forwarded(uow: UnitOfWork, actor: Actor, via: pf.Header, item: Mapping[str, Any],
                     vouched: Mapping[str, Mapping[str, Any]], result: Imported, *, file_name: str,
                     depth: int) -> None:
    """A package `via`'s sender received from below and passed on: checked, then merged as its sender's."""
    try:
        raw, plain = base64.b64decode(item["package"]), base64.b64decode(item["payload"])
        header = pf.read_header(raw, file_name)
        doc = vouched[header.sender.code]
        key = pf.PeerKeys(header.sender.code, str(doc["name"]), base64.b64decode(doc["ed25519"]),
                          base64.b64decode(doc["x25519"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputRejected("package.forward_mismatch", file=file_name, org=via.sender.name) from exc
    below = uow.records.org_by_code(header.sender.code)
    known = peers.peer_keys(uow).get(header.sender.code)
    if below is None or below.parent_code != via.sender.code or (known and known.ed25519 != key.ed25519):
        raise InputRejected("package.not_below", file=file_name, org=via.sender.name, code=header.sender.code)
    if known is not None and known.revoked:
        raise InputRejected("package.revoked", file=file_name, org=known.name, code=known.code)
    header = pf.check_signed(raw, {key.code: key}, file_name)
    if (header.recipient.code != via.sender.code or len(plain) != header.payload_size
            or hashlib.sha256(plain).hexdigest() != header.payload_sha256):
        raise InputRejected("package.forward_mismatch", file=file_name, org=via.sender.name)
    if store.logged(uow.conn, "in", sha256=hashlib.sha256(raw).hexdigest()) is not None:
        return  # already merged: straight from its sender, or passed on before
    payload = _payload(plain, header, file_name)
    _merge_payload(uow, actor, header, raw, plain, payload, result, file_name=file_name, via=via, depth=depth)
    result.notes.append(f"经 {via.sender.name} 转来 {header.sender.name} 第 {header.epoch} 轮第 {header.sequence} "
                        "个数据包，已核验其签名并合并")


def _added(before: KindResult | None, more: KindResult) -> KindResult:
    if before is None:
        return more
    return KindResult(before.added + more.added, before.changed + more.changed, before.unchanged + more.unchanged,
                      before.older + more.older, before.refused + more.refused, before.conflicts + more.conflicts)


def _refuse_replays(uow: UnitOfWork, h: pf.Header, file_name: str) -> None:
    same_slot = store.logged(uow.conn, "in", peer_code=h.sender.code, epoch=h.epoch, sequence=h.sequence)
    same_id = store.logged(uow.conn, "in", package_id=h.package_id)
    if same_slot is not None or same_id is not None:  # seen before, and not this very file (checked first)
        raise InputRejected("package.replayed", file=file_name, org=h.sender.name, sequence=h.sequence)
    received = store.log_rows(uow.conn, "in", h.sender.code)
    if received and h.epoch < max(int(r.epoch) for r in received):
        raise InputRejected("package.old_epoch", file=file_name, org=h.sender.name, epoch=h.epoch)


def _gaps(uow: UnitOfWork, h: pf.Header) -> list[str]:
    seen = {int(r.sequence) for r in store.log_rows(uow.conn, "in", h.sender.code) if int(r.epoch) == h.epoch}
    missing = [n for n in range(1, h.sequence) if n not in seen]
    return [f"缺少 {h.sender.name} 的第 {n} 个数据包（第 {h.epoch} 轮）" for n in missing]


def _payload(plain: bytes, header: pf.Header, file_name: str) -> dict[str, Any]:
    try:
        payload = json.loads(plain.decode("utf-8"))
        ok = (payload.get("format") == PAYLOAD_FORMAT and payload.get("sender") == header.sender.code
              and isinstance(payload.get("records"), dict))
    except (ValueError, AttributeError) as exc:
        raise InputRejected("package.cannot_open", file=file_name) from exc
    if not ok:
        raise InputRejected("package.cannot_open", file=file_name)
    if int(payload.get("version", 0)) > PAYLOAD_VERSION:
        raise InputRejected("package.newer_version", file=file_name, version=payload["version"],
                            supported=PAYLOAD_VERSION)
    return dict(payload)


def _audit_remarks(uow: UnitOfWork, h: pf.Header) -> list[str]:
    """The sender's audit chain head against the heads its other packages of this epoch carried: a later
    package never has a shorter chain, an earlier one never a longer, and the same length the same hash."""
    if not h.audit_head:
        return []
    seq, digest = int(h.audit_head["seq"]), str(h.audit_head["hash"])
    notes: list[str] = []
    for row in store.log_rows(uow.conn, "in", h.sender.code):
        other = json.loads(row.audit_head) if row.audit_head else None
        if not other or int(row.epoch) != h.epoch:
            continue  # a restore starts a new epoch and may rightly take the chain back
        their_seq, later = int(other["seq"]), int(row.sequence) > h.sequence
        if (later and seq > their_seq) or (not later and seq < their_seq):
            notes.append(f"{h.sender.name} 的审计链与其第 {row.sequence} 个数据包不一致"
                         f"（第 {seq} 条对第 {their_seq} 条）：可能被截断或改写")
        elif seq == their_seq and digest != other["hash"]:
            notes.append(f"{h.sender.name} 的审计链第 {seq} 条与其第 {row.sequence} 个数据包所带的不同：可能被改写")
    return notes


@dataclass(frozen=True)
class PeerStatus:
    """A trusted office as the 数据交换 page shows it."""

    peer: peers.Peer
    last_in: Any
    last_out: Any
    missing: list[int]


def peer_status(uow: UnitOfWork, actor: Actor) -> list[PeerStatus]:
    """Each trusted office with its last package in and out and the sequence numbers missing from it."""
    authorize(actor, Action.VIEW)
    out = []
    for peer in peers.list_peers(uow, actor):
        received = store.log_rows(uow.conn, "in", peer.org_code)
        sent = store.log_rows(uow.conn, "out", peer.org_code)
        missing: list[int] = []
        if received:
            current = max(int(r.epoch) for r in received)
            seen = {int(r.sequence) for r in received if int(r.epoch) == current}
            missing = [n for n in range(1, max(seen) + 1) if n not in seen]
        out.append(PeerStatus(peer, received[-1] if received else None, sent[-1] if sent else None, missing))
    return out


def stored_summaries(uow: UnitOfWork, actor: Actor) -> Sequence[Mapping[str, Any]]:
    """What each received package did, newest last."""
    authorize(actor, Action.VIEW)
    return [json.loads(r.summary) for r in store.log_rows(uow.conn, "in") if r.summary]
