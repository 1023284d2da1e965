"""The one message catalogue for people (SPEC §12): Chinese first, English second.

The CLI picks the language from LANG; the GUI goes through Qt's tr() for its
own widgets and uses this catalogue for messages that come from the core.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

MESSAGES: Mapping[str, tuple[str, str]] = {
    # databases and files
    "db.missing": ("数据库不存在：{path}。请先运行 ykt init（或 ykt demo）创建。",
                   "No database at {path}. Run `ykt init` (or `ykt demo`) first."),
    "db.not_database": ("{path} 不是本软件的数据库（不是有效的 SQLite 文件）。",
                        "{path} is not a database of this product (not a valid SQLite file)."),
    "db.dir_missing": ("无法在 {path} 创建数据库：文件夹不存在。",
                       "Cannot create the database at {path}: the folder does not exist."),
    "db.exists": ("{path} 已有数据库，未做任何改动。", "{path} already holds a database; nothing changed."),
    "db.newer": ("数据库由更新版本的软件创建（结构版本 {found}），请升级软件后再打开。",
                 "The database was made by a newer version (schema {found}); upgrade the product first."),
    "db.upgraded": ("数据库已从结构版本 {old} 升级到 {new}（本版本软件所需）。升级前的备份：{backup}",
                    "The database was upgraded from schema {old} to {new} (as this version needs). "
                    "The backup made before: {backup}"),
    "db.upgrade_backup_failed": ("数据库需要从结构版本 {old} 升级到 {new}，升级前须先备份，但备份未能写成（{reason}）。"
                                 "没有升级，数据库未做任何改动。请检查备份文件夹 {folder} 是否可写、磁盘空间是否足够。",
                                 "The database needs upgrading from schema {old} to {new}, and the backup made first "
                                 "could not be written ({reason}): nothing was upgraded or changed. Check that the "
                                 "backups folder {folder} is writable and the disk has room."),
    "db.not_initialised": ("数据库尚未初始化（缺少本单位信息）。请运行 ykt init。",
                           "The database has not been initialised (no org). Run `ykt init`."),
    "db.unreachable": ("无法打开数据库 {url}：{reason}", "Cannot open the database {url}: {reason}"),
    "db.no_sqlcipher": ("这个数据库已加密，但本机的软件缺少 SQLCipher（sqlcipher3），无法打开。请重新安装本软件。",
                        "The database is encrypted and this installation lacks SQLCipher (sqlcipher3); reinstall."),
    "db.encrypt_file_only": ("只有 SQLite 数据库文件可以加密；PostgreSQL 服务器的加密由服务器管理员负责。",
                             "Only a SQLite file can be encrypted; a PostgreSQL server is encrypted by its admins."),
    "db.encrypted_login": ("数据库已加密：请用用户名和密码打开（YKT_USER / YKT_PASSWORD）。",
                           "The database is encrypted: open it with a user name and password "
                           "(YKT_USER / YKT_PASSWORD)."),
    "db.encrypted_no_keystore": ("{path} 不是本软件的数据库（不是有效的 SQLite 文件）；如果它是加密的数据库，"
                                 "打开它需要旁边的密钥库 {keys}，请把密钥库放回原处。",
                                 "{path} is not a database of this product (not a plain SQLite file); if it is an "
                                 "encrypted one, it needs its keystore {keys} beside it: put the keystore back."),
    "db.busy": ("数据库正忙：其他用户正在写入（例如导入大文件），请稍后再试。没有保存任何改动。",
                "The database is busy: someone else is writing (a large import?). Try again later; nothing was saved."),
    "backup.done": ("已备份到 {path}", "Backed up to {path}"),
    "backup.sealed": ("已备份到 {path}（已用本单位的密钥加密，恢复时需要密钥口令）",
                      "Backed up to {path} (sealed for this org's key; restoring needs the key passphrase)"),
    "backup.not_due": ("今天已有备份，未再备份。", "There is a backup from today already; none made."),
    "backup.too_large": ("数据库超过 {gb} GB，无法写成一个加密备份文件；请改用数据文件夹内的备份。",
                         "The database is larger than {gb} GB: too large for one sealed backup file."),
    "backup.write_failed": ("写入 {path} 后读回不一致（U 盘损坏？），已删除该文件，请换一个位置。",
                            "{path} did not read back as written (a failing stick?); removed it, try elsewhere."),
    "backup.not_backup": ("{path} 不是本软件的备份文件。", "{path} is not a backup of this product."),
    "backup.cannot_open": ("无法打开备份 {path}：文件已损坏或被改动，或不是用本单位的密钥加密的。",
                           "Cannot open the backup {path}: damaged, changed, or not sealed for this org's key."),
    "restore.no_keystore": ("这里还没有本单位的数据库和密钥库（{path}）：只有 backup --out 写出的加密备份"
                            "带着密钥库，才能在新电脑上恢复。",
                            "There is no installation here yet ({path}): only a sealed backup (backup --out) "
                            "carries the keystore a new PC needs."),
    "restore.new_done": ("已在 {target} 从 {source} 重建数据库和密钥库：共 {rows} 行。",
                         "Rebuilt the database and keystore at {target} from {source}: {rows} rows."),
    "backup.bad_keep": ("保留份数 {keep} 不合适：应为 1 到 {most}。", "Keep {keep} backups? Give 1 to {most}."),
    "restore.changed_meanwhile": ("恢复前的备份期间有人修改了数据库，为免丢失这些修改，未恢复。请稍后重试。",
                                  "Someone changed the database while it was backed up; nothing restored. Try again."),
    "restore.same": ("{path} 就是正在使用的数据库，不能用它恢复自己。", "{path} is the live database itself."),
    "restore.other_org": ("{path} 是“{org}”（{code}）的备份，不是本单位的，未恢复。",
                          "{path} is a backup of “{org}” ({code}), not of this org; nothing restored."),
    "restore.damaged": ("备份 {path} 已损坏（{detail}），未恢复，数据库未改动。",
                        "The backup {path} is damaged ({detail}); nothing restored, the database unchanged."),
    "restore.chain": ("备份 {path} 的审计链有断裂：{detail}。未恢复，数据库未改动。",
                      "The backup {path} has a broken audit chain: {detail}. Nothing restored."),
    "restore.digests": ("恢复后的数据与备份核对不一致，已撤销，数据库未改动。",
                        "The restored data did not match the backup; undone, the database unchanged."),
    "restore.done": ("已从 {source} 恢复：共 {rows} 行。恢复前的数据库已备份到 {before}。",
                     "Restored from {source}: {rows} rows. The database as it was is backed up to {before}."),
    "restore.confirm": ("用备份 {source} 替换当前数据库的全部内容？当前数据会先备份。[y/N] ",
                        "Replace everything in the database with the backup {source}? It is backed up first. [y/N] "),
    "restore.needs_yes": ("恢复会替换数据库的全部内容：请在终端上确认，或加 --yes。",
                          "A restore replaces the whole database: confirm on a terminal, or add --yes."),
    "restore.cancelled": ("已取消，数据库未改动。", "Cancelled; the database is unchanged."),
    "migrate.same": ("源数据库和目标数据库是同一个（{path}），未复制。",
                     "Source and target are the same ({path}); nothing copied."),
    "migrate.digests": ("复制后核对不一致（{kinds}），目标数据库已删除，源数据库未改动。",
                        "The copy differs from the source ({kinds}); the target was removed, the source untouched."),
    "migrate.done": ("已复制到 {target}：共 {rows} 行，各类记录的数量和摘要与源数据库一致。",
                     "Copied to {target}: {rows} rows; every kind's count and digest match the source."),
    "record.missing": ("记录不存在（{kind} {uid}）。", "No such record ({kind} {uid})."),
    "record.stale": ("这条记录刚被其他人修改过，请刷新后再改。",
                     "Someone else changed this record; reload and try again."),
    # files coming in
    "file.missing": ("文件不存在：{path}", "No such file: {path}"),
    "file.unwritable": ("无法写入 {path}：{reason}", "Cannot write {path}: {reason}"),
    "file.unreadable": ("无法读取文件：{reason}", "Cannot read the file: {reason}"),
    "file.empty": ("文件是空的（0 字节）。", "The file is empty (0 bytes)."),
    "file.too_large": ("文件超过 {mb} MB，不像是花名册，未导入。", "The file is larger than {mb} MB; not imported."),
    "file.damaged": ("文件已损坏，或不是 Excel/CSV 文件：请用 Excel 打开后另存为 .xlsx 再导入。",
                     "The file is damaged or not an Excel/CSV file: open it in Excel and save it as .xlsx."),
    "file.not_excel": ("这不是 Excel 或 CSV 文件（只支持 .xlsx、.xlsm、.xls、.csv）。",
                       "This is not an Excel or CSV file (.xlsx, .xlsm, .xls, .csv only)."),
    "file.bomb": ("文件解压后异常巨大，可能是恶意文件，已拒绝。", "The file unpacks to an abnormal size; refused."),
    "file.encoding": ("无法识别 CSV 文件的文字编码（支持 UTF-8 和 GBK/GB18030）：请用 Excel 另存为 .xlsx。",
                      "Unknown CSV text encoding (UTF-8 and GBK/GB18030 are supported): save it as .xlsx."),
    # imports
    "import.no_header": ("没有找到表头：工作表 {sheets} 中都没有同时含“姓名”和“身份证号”的行。"
                         "请检查文件，或用模板（ykt template roster）。",
                         "No header found: no row in sheets {sheets} names both 姓名 and 身份证号."),
    "import.missing_columns": ("{detail}。未导入任何数据。",
                               "{detail}. Nothing was imported."),
    "import.strict": ("有 {count} 行被拒绝，按 --strict 整个文件未导入。",
                      "{count} rows were rejected; --strict refused the whole file."),
    "import.unknown_program": ("补贴项目“{program}”不在项目目录中（可用代码、名称或简称）。",
                               "Program “{program}” is not in the catalogue (code, name or short name)."),
    "import.bad_period": ("--period “{period}” 无法识别：{reason}", "--period “{period}” is not a period: {reason}"),
    "import.already": ("{file} 已经导入过（内容完全相同），没有任何改动。",
                       "{file} was imported before (same content); nothing changed."),
    "import.summary": ("共 {rows} 行：接受 {accepted} 行（其中 {warned} 行有提示），拒绝 {rejected} 行；"
                       "新增 {inserted} 笔，更新 {updated} 笔，未变 {unchanged} 笔；接受的金额合计 {yuan} 元。",
                       "{rows} rows: {accepted} accepted ({warned} with warnings), {rejected} rejected; "
                       "{inserted} new, {updated} updated, {unchanged} unchanged payments; {yuan} yuan accepted."),
    "import.new_program": ("项目目录中没有的项目已作为新项目保存：{program}。请在“设置”中把它并入目录中的项目。",
                           "A program not in the catalogue was saved as new: {program}. Merge it in 设置."),
    "import.errors_written": ("被拒绝的 {count} 行已写入 {path}，改正后可只导入这些行。",
                              "The {count} rejected rows are in {path}; fix and import just those."),
    "import.no_list_header": ("没有找到{list}的表头：工作表 {sheets} 中都没有同时含{columns}的行。"
                              "请检查文件，或用模板（ykt template KIND）。",
                              "No header of a {list} found: no row in sheets {sheets} names {columns}."),
    "import.bad_reason": ("--reason “{reason}” 无法识别：请写 死亡、迁出 或 退出。",
                          "--reason “{reason}” is not 死亡, 迁出 or 退出."),
    "import.list_summary": ("共 {rows} 行：接受 {accepted} 行（其中 {warned} 行有提示），拒绝 {rejected} 行；"
                            "新增 {inserted} 条，更新 {updated} 条，未变 {unchanged} 条；新登记人员 {persons} 人。",
                            "{rows} rows: {accepted} accepted ({warned} with warnings), {rejected} rejected; "
                            "{inserted} new, {updated} updated, {unchanged} unchanged; {persons} new persons."),
    "import.bank_matched": ("回盘 {matched} 笔已对应到发放记录，{unmatched} 笔没有找到对应的发放记录。",
                            " {matched} return lines matched to payments, {unmatched} without a payment."),
    "batch.other_kind": ("导入批次 {uid}（{file}）是“{kind}”类的，不能用另一类文件替换。",
                         "Import batch {uid} ({file}) is a {kind} batch; a file of another kind cannot replace it."),
    "template.unknown": ("没有名为“{kind}”的模板。可用：{kinds}。", "No template “{kind}”. Templates: {kinds}."),
    "template.done": ("模板已保存：{path}", "Template written: {path}"),
    "batch.unknown": ("没有编号为 {uid} 的导入批次（ykt batch list 可查看）。",
                      "No import batch {uid} (see `ykt batch list`)."),
    "batch.voided": ("导入批次 {uid}（{file}）已经作废。", "Import batch {uid} ({file}) is void already."),
    "batch.reason_needed": ("作废导入批次必须写明原因（--reason）。", "Voiding a batch needs a reason (--reason)."),
    "batch.void_done": ("已作废导入批次 {uid}：{count} 条记录作废（可在历史中查到）。",
                        "Voided batch {uid}: {count} records voided (kept in history)."),
    "correct.reason_needed": ("更正必须写明原因。", "A correction needs a reason."),
    "correct.bad_value": ("“{field}”：{reason}", "“{field}”: {reason}"),
    # secrets
    "secret.missing": ("缺少{what}：请设置环境变量 {var}，或在终端中运行以便输入。",
                       "Missing {what}: set the environment variable {var}, or run in a terminal to be asked."),
    "secret.key_passphrase": ("密钥口令", "key passphrase"),
    "secret.user": ("用户名", "user name"),
    "secret.password": ("密码", "password"),
    "secret.new_password": ("新用户的密码", "the new password"),
    "keystore.bad_passphrase": ("密钥口令不正确，无法打开密钥库 {path}。",
                                "Wrong key passphrase for the keystore {path}."),
    "keystore.missing": ("密钥库 {path} 不存在：无法核对审计链的链头。",
                         "The keystore {path} is missing: the audit chain head cannot be checked."),
    "keystore.corrupt": ("密钥库 {path} 已损坏或不是本软件的密钥库。",
                         "The keystore {path} is damaged or not a keystore of this product."),
    "keystore.exists": ("密钥库 {path} 已存在，未覆盖。如果它是一次未完成的初始化留下的，请先把它移走再重试。",
                        "The keystore {path} already exists; not overwritten. If an unfinished init left it, "
                        "move it away and try again."),
    # orgs
    "org.unknown": ("找不到单位“{name}”。", "No org unit named “{name}”."),
    "org.ambiguous": ("“{name}”对应多个单位：{candidates}。请用代码，或加 --township 缩小范围。",
                      "“{name}” matches several org units: {candidates}. Use a code, or narrow with --township."),
    "org.bad_level": ("单位级别“{level}”无效，可选：{choices}。", "Invalid level “{level}”; choose one of {choices}."),
    "org.parent_missing": ("上级单位 {code} 不存在。", "Parent org {code} does not exist."),
    "org.bad_code": ("单位代码“{code}”格式不对：县级6位、乡镇9位、村12位。",
                     "Org code “{code}” is malformed: county 6 digits, township 9, village 12."),
    "campaign.bad_phase": ("“{phase}”的结束日期 {end} 不能早于开始日期 {start}，未保存。",
                           "“{phase}” ends ({end}) before it starts ({start}); not saved."),
    # audit
    "audit.ok": ("审计链完整：{count} 条事件，链头 {seq} 号 {head}。",
                 "Audit chain intact: {count} events, head #{seq} {head}."),
    "audit.broken": ("审计链断裂：单位 {org} 第 {seq} 号事件（数据库行 {row}）{kind}。",
                     "Audit chain broken: org {org} event #{seq} (database row {row}) {kind}."),
    "audit.broken_norow": ("审计链断裂：单位 {org} 第 {seq} 号事件{kind}。",
                           "Audit chain broken: org {org} event #{seq} {kind}."),
    "audit.head_behind": ("注意：密钥库记录的链头是第 {recorded} 号，其后 {newer} 条事件尚未记入密钥库；"
                          "下次修改数据时会补记。",
                          "Note: the keystore records head #{recorded}; {newer} later events are not in it yet. "
                          "The next change records them."),
    "audit.kind.hash": ("内容被修改（哈希不符）", "was altered (hash mismatch)"),
    "audit.kind.link": ("与前一事件的链接不符", "does not link to the previous event"),
    "audit.kind.gap": ("之前的事件缺失（序号不连续）", "follows a missing event (gap in sequence)"),
    "audit.kind.tail": ("之后的事件被删除（链头记录为第 {expected} 号）",
                        "is followed by deleted events (the recorded head is #{expected})"),
    "audit.kind.head": ("与密钥库记录的链头不符", "does not match the head recorded in the keystore"),
    # gui / cli
    "cli.usage": ("命令用法有误：{detail}\n{usage}", "Usage error: {detail}\n{usage}"),
    "page.unknown": ("没有名为“{name}”的页面。可用：{choices}。", "No page named “{name}”. Pages: {choices}."),
    "gui.texts_without_screenshot": ("--texts 只能与 --screenshot 一起用：文字取自截图的那一刻。",
                                     "--texts goes with --screenshot: the texts are those of the screenshot."),
    "gui.screenshot_unwritable": ("无法把截图写到 {path}：文件夹不存在或没有写权限。",
                                  "Cannot write the screenshot to {path}: no such folder, or not writable."),
    "secret.mismatch": ("两次输入的{what}不一致，未做任何改动。", "The two {what} entries differ; nothing changed."),
    "gui.no_display": ("没有图形显示环境：已把界面截图保存到 {path}。", "No display: saved a screenshot to {path}."),
    "user.bad_name": ("用户名“{name}”不合适：2–32 个字符，只用汉字、字母、数字和 _ . -",
                      "User name “{name}” is not valid: 2–32 letters, digits, Han characters, _ . -"),
    "user.bad_display_name": ("姓名太长（最多 100 个字符）。",
                              "The display name is too long (100 characters at most)."),
    "user.weak_password": ("密码太弱：{reason}。", "The password is too weak: {reason}."),
    "user.bad_role": ("没有“{role}”这个角色，可用：{roles}", "No role “{role}”; roles: {roles}"),
    "user.first_admin": ("第一个用户必须是管理员（admin），且在尚无用户时创建；之后由管理员添加其他用户。",
                         "The first user must be an admin, created while there are no users; admins add the rest."),
    "user.exists": ("用户“{name}”已存在。", "User “{name}” exists already."),
    "user.unknown": ("没有用户“{name}”。", "No user “{name}”."),
    "user.old_password_wrong": ("原密码不对，密码未修改。", "The old password is wrong; the password was not changed."),
    "user.reason_needed": ("停用用户要写明原因（--reason）。", "Disabling a user needs a reason (--reason)."),
    "user.already_disabled": ("用户“{name}”已经停用。", "User “{name}” is disabled already."),
    "user.last_admin": ("“{name}”是最后一个启用的管理员，不能停用：请先添加另一个管理员。",
                        "“{name}” is the last enabled admin and cannot be disabled: add another admin first."),
    "login.needed": ("本数据库已有用户，请先登录：设置 YKT_USER 和 YKT_PASSWORD，或在终端中运行以便输入。",
                     "This database has users: log in first (YKT_USER and YKT_PASSWORD, or run on a terminal)."),
    "login.failed": ("用户名或密码不对。", "Wrong user name or password."),
    "login.locked": ("密码错误次数太多，“{name}”已被锁定，请 {seconds} 秒后再试。",
                     "Too many wrong passwords: “{name}” is locked; try again in {seconds} seconds."),
    "permission.denied": ("{actor} 无权执行“{action}”。", "{actor} may not {action}."),
    "permission.own_registration": ("{actor} 是这个问题的登记人，不能审批它的销号：销号须由登记人以外的审核人员审批。",
                                    "{actor} registered this problem and may not approve its closing (销号): "
                                    "another reviewer must approve it."),
    "bug": ("程序出错了，很抱歉。详情已写入日志：{log}", "Something went wrong, sorry. Details are in the log: {log}"),
    "demo.passphrase": ("演示数据库的密钥口令为 demo。", "The demo database's key passphrase is `demo`."),
    "demo.done": ("演示数据库已生成：{path}（{persons} 人，{payments} 笔发放，用时 {seconds} 秒）",
                  "Demo database ready: {path} ({persons} persons, {payments} payments, {seconds} s)"),
    "init.done": ("已初始化 {name}（{code}）：{path}", "Initialised {name} ({code}): {path}"),
    # corrections and records entered by hand (SPEC §5 "mistakes are corrected, never hidden")
    "correct.unknown_field": ("不能更正“{field}”。可更正的有：{choices}。",
                              "“{field}” cannot be corrected. Correctable: {choices}."),
    "correct.id_fixed": ("身份证号是人员的标识，不能更正：如果录错了，请作废此人，再按正确的身份证号重新录入。",
                         "The ID number identifies the person and cannot be corrected: void the person and "
                         "enter them again with the right ID number."),
    "correct.sex_from_id": ("“性别”：身份证号表明是“{sex}”，与填写的“{given}”不符；身份证号有效时以身份证号为准。",
                            "“性别”: the ID number says “{sex}”, not “{given}”; a valid ID number decides."),
    "correct.needs_township": ("“乡镇”：本单位是县级，填写村(社区)时请同时填写乡镇。",
                               "“乡镇”: a county installation needs the township with the village."),
    "correct.done": ("已更正 {kind} {uid}，新版本 {version}（旧版本保留在历史中）。",
                     "Corrected {kind} {uid}, now version {version} (the old one is kept in history)."),
    "correct.unchanged": ("填写的值与现有记录相同，没有改动。", "The values are the ones stored; nothing changed."),
    "void.reason_needed": ("作废必须写明原因。", "Voiding needs a reason."),
    "void.bad_kind": ("只能作废人员或发放记录，不能作废“{kind}”。",
                      "Only persons and payments can be voided, not “{kind}”."),
    "void.already": ("这条记录已经作废（{uid}）。", "That record is void already ({uid})."),
    "void.person_has_payments": ("此人还有 {count} 笔有效的发放记录，不能单独作废：请先作废这些发放记录，"
                                 "或选择连同发放记录一起作废（命令行加 --with-payments）。",
                                 "This person still has {count} live payments: void them first, or void them "
                                 "together (--with-payments)."),
    "void.done": ("已作废 {kind} {uid}（作废也是一个版本，原记录保留在历史中）{extra}。",
                  "Voided {kind} {uid} (a tombstone version; the record stays in history){extra}."),
    "manual.reason_needed": ("手工录入必须写明原因和依据。", "Entering a record by hand needs a reason."),
    "manual.unknown_field": ("没有名为“{field}”的栏目。可填：{choices}。", "No column “{field}”. Columns: {choices}."),
    "manual.unknown_program": ("“补贴项目”：“{program}”不在项目目录中（可用代码、名称或简称）；手工录入不新建项目。",
                               "“补贴项目”: “{program}” is not in the catalogue; entering by hand adds no program."),
    "manual.out_of_scope": ("“补贴项目”：“{program}”属于社会保险或教育类资金，不在本次专项整治范围内。",
                            "“补贴项目”: “{program}” is a social insurance or education fund, out of scope."),
    "manual.payment_exists": ("此人这个项目、这个期间（同一发放日期）已有发放记录 {uid}：如需修改请更正它"
                              "（ykt payment edit {uid}）。",
                              "This person already has this payment ({uid}): correct it instead "
                              "(ykt payment edit {uid})."),
    "manual.person_exists": ("身份证号 {id} 的人员已在库中（{uid}）：如需修改请编辑（ykt person edit {uid}）。",
                             "A person with ID {id} exists ({uid}): edit them instead (ykt person edit {uid})."),
    "manual.person_added": ("已录入人员 {name}（{uid}）。", "Added person {name} ({uid})."),
    "manual.payment_added": ("已录入发放记录 {uid}（{name}，{program} {period}，{yuan} 元）。",
                             "Added payment {uid} ({name}, {program} {period}, {yuan} yuan)."),
    "manual.warning": ("提示：{text}", "Note: {text}"),
    "person.unknown": ("库中没有身份证号为 {id} 的人员。", "No person with ID number {id}."),
    # column mapping and standards proposals
    "mapping.unknown_field": ("没有名为“{field}”的列含义。可选：{choices}、不导入。",
                              "No column meaning “{field}”. Choose one of {choices}, or 不导入."),
    "mapping.duplicate_field": ("“{first}”和“{second}”两列都对应“{field}”：一项只能对应一列，请改正其中一列。",
                                "Columns “{first}” and “{second}” both map to “{field}”; map it to one column."),
    "mapping.bad_column": ("--column “{text}” 的格式应为 标题=含义（如 金额=应发金额，或 金额=不导入）。",
                           "--column “{text}” must be TITLE=MEANING (e.g. 金额=应发金额, or 金额=不导入)."),
    "mapping.remembered": ("（按记住的对应）", " (remembered)"),
    "standards.proposed": ("文件中的补贴标准尚未列入项目目录，请确认（ykt standards confirm 编号）：",
                           "Standards seen in the file are not in the catalogue; confirm them "
                           "(ykt standards confirm ID):"),
    "standards.unknown": ("没有编号为 {ref} 的待确认补贴标准（ykt standards list --pending 可查看）。",
                          "No proposed standard {ref} (see `ykt standards list --pending`)."),
    "standards.ambiguous": ("编号 {ref} 对应多条补贴标准：{candidates}。请写得更长一些。",
                            "{ref} matches several standards: {candidates}. Give more of the id."),
    "standards.confirmed": ("已确认 {count} 条补贴标准，列入项目目录。",
                            "{count} standards confirmed into the catalogue."),
    "standards.rejected": ("已驳回 {count} 条补贴标准建议。", "{count} proposed standards rejected."),
    "standards.nothing": ("没有指定要处理的补贴标准（写编号，或用 --all）。",
                          "No standard given (give ids, or --all)."),
    # the program catalogue
    "program.unknown": ("项目目录中没有“{program}”（可用代码、名称或简称；ykt program list 可查看）。",
                        "No program “{program}” in the catalogue (see `ykt program list`)."),
    "program.ambiguous": ("“{program}”对应多个项目：{choices}。请用项目代码。",
                          "“{program}” matches several programs: {choices}. Use the code."),
    "program.same": ("不能把“{program}”并入它自己。", "A program cannot be merged into itself."),
    "program.reason_needed": ("合并项目必须写明原因（--reason）。", "Merging programs needs a reason (--reason)."),
    "program.out_of_scope": ("“{program}”不在本次专项整治范围内，不能并入。",
                             "“{program}” is out of the campaign's scope; nothing can be merged into it."),
    "program.merged": ("已把 {source} 并入 {target}：{payments} 笔发放记录、{others} 条其他记录改为新项目"
                       "（原记录保留在历史中），原名称已加为简称。",
                       "Merged {source} into {target}: {payments} payments and {others} other records moved "
                       "(old versions kept); its name is now a synonym."),
    # self-check rules and findings
    "check.unknown_rule": ("没有规则“{rule}”。规则代码：{codes}。", "No rule “{rule}”. Rules: {codes}."),
    "check.pending_rule": ("规则 {rule} 要等公示功能上线后才能运行。", "Rule {rule} runs once notices exist."),
    "check.summary": ("共运行 {rules} 条规则：发现问题 {findings} 条（新增 {new} 条，已消除 {resolved} 条），"
                      "涉及金额 {yuan} 元。",
                      "{rules} rules run: {findings} findings ({new} new, {resolved} resolved), {yuan} yuan at stake."),
    # the problem ledger and complaints (SPEC §7)
    "ledger.bad_field": ("“{field}”不对：{reason}。未做任何改动。", "{field} is not right: {reason}. Nothing changed."),
    "ledger.required": ("必须填写“{field}”。未做任何改动。", "{field} is required. Nothing changed."),
    "ledger.unknown_problem": ("没有编号为 {ref} 的问题（ykt problem list 可查看）。",
                               "No problem {ref} (see `ykt problem list`)."),
    "ledger.ambiguous": ("{ref} 对应多条记录，请写完整编号。", "{ref} matches several records; give the full number."),
    "ledger.bad_state": ("状态“{state}”无效，可用：{choices}。", "State “{state}” is not one of {choices}."),
    "ledger.not_editable": ("这些字段不能这样修改：{fields}。", "These fields cannot be changed this way: {fields}."),
    "ledger.closed": ("{number} 已销号（办结），不能再修改；如需重新整改，请先“回头看”。",
                      "{number} is closed; reopen it (回头看) before changing it."),
    "ledger.finding_taken": ("疑点 {finding} 已登记为问题 {number}，不能重复挂号。",
                             "Finding {finding} is registered as problem {number} already."),
    "ledger.finding_dismissed": ("疑点 {finding} 已排除（核实不属实），不能挂号；如需挂号，请先重新打开它。",
                                 "Finding {finding} was dismissed; reopen it before registering it."),
    "ledger.finding_taken_meanwhile": ("其中有疑点刚被其他人登记为问题，本次没有挂号。请刷新后再试。",
                                       "Someone registered one of these findings meanwhile; nothing registered."),
    "complaint.identity_hidden": ("举报人身份只有纪检人员可以查看和修改。",
                                  "Only the discipline role sees or changes who complained."),
    "ledger.bad_receiver": ("移交机关“{receiver}”无效，可用：{choices}。",
                             "Unknown receiver “{receiver}”: use {choices}."),
    "ledger.refused": ("{number}：{why}", "{number}: {why}"),
    "ledger.wrong_state": ("只有“{source}”状态才能{move}，现在是“{state}”。",
                           "Only a record in “{source}” can be moved by {move}; it is “{state}”."),
    "ledger.reason_needed": ("{move}必须写明理由。", "{move} needs a reason."),
    "ledger.needs_measures": ("申请销号前须填写整改措施。",
                             "Fill in the rectification measures before applying to close."),
    "ledger.needs_evidence": ("申请销号前须上传佐证材料（照片、扫描件或 PDF）。",
                              "Attach evidence (photo, scan or PDF) before applying to close."),
    "ledger.needs_handling": ("申请办结前须填写办理情况。", "Fill in how it was handled before applying to close."),
    "ledger.needs_result": ("申请办结前须填写办理结果。", "Fill in the result before applying to close."),
    "ledger.own_registration": ("{move}须由登记人（{registrant}）以外的审核人员办理"
                                "（审核人员的账号在“设置 → 用户”中添加）。",
                                "{move} must be done by a reviewer other than the registrant ({registrant})."),
    "ledger.registered": ("已挂号：{number}（{category}，涉及金额 {yuan} 元）。",
                          "Registered {number} ({category}, {yuan} yuan involved)."),
    "ledger.moved": ("{number}：{move}，现在是“{state}”。", "{number}: {move}; now “{state}”."),
    "ledger.decided_already": ("对 {number} 的决定已作出，等待其登记单位在下一个数据包中执行。",
                               "A decision about {number} is already made and waits for its registering office."),
    "ledger.decision_recorded": ("{number}：{move}的决定已记录，将随下一个数据包下发，由登记单位执行"
                                 "（目前仍为“{state}”）。",
                                 "{number}: the decision “{move}” is recorded and goes down with the next package, "
                                 "where the registering office takes it (now still “{state}”)."),
    "ledger.updated": ("{number} 已修改。", "{number} changed."),
    "ledger.transferred": ("{number} 已移交{to}（{doc}）。", "{number} transferred to {to} ({doc})."),
    "ledger.recovered": ("{number} 追回 {yuan} 元，累计追回 {total} 元。",
                         "{number}: {yuan} yuan recovered, {total} in all."),
    "ledger.evidence_added": ("{number} 已添加佐证材料 {file}（SHA-256 {sha}…）。",
                              "{number}: evidence {file} added (SHA-256 {sha}…)."),
    "ledger.written": ("已写入 {path}", "Written to {path}"),
    "ledger.count": ("共 {count} 条，其中留号 {open} 条、逾期 {overdue} 条。",
                     "{count} in all: {open} kept open, {overdue} overdue."),
    "ledger.bad_document": ("没有文书“{doc}”，可用：{choices}。", "No document “{doc}”: use {choices}."),
    "ledger.no_transfer": ("{number} 还没有登记线索移交（接收机关、日期、文号），无法生成移交函。",
                           "{number} has no transfer recorded (receiver, date, document number)."),
    "ledger.no_responsible": ("{number} 还没有填写整改责任单位，无法生成整改通知书。",
                              "{number} has no responsible unit; fill it in first."),
    "clues.no_header": ("没有找到问题线索清单的表头（至少要有：{columns}）。可用 ykt template clues 生成模板。",
                        "No clue-list header found (needs at least {columns}); see `ykt template clues`."),
    "clues.rejected": ("问题线索清单 {rows} 行中有 {count} 处错误，没有登记任何问题：\n{detail}",
                       "{count} errors in the clue list's {rows} rows; nothing registered:\n{detail}"),
    "clues.empty": ("问题线索清单没有数据行。", "The clue list has no rows."),
    "clues.done": ("已把 {rows} 条线索登记为问题 {first}～{last}。",
                   "{rows} clues registered as problems {first}–{last}."),
    "clues.already": ("{file} 已经导入过，未做任何改动。", "{file} was imported already; nothing changed."),
    "selfcheck.unknown_item": ("没有整治内容 {code}（可用 1.1～3.5）。", "No checklist item {code} (1.1–3.5)."),
    "selfcheck.bad_answer": ("第 {code} 项的自查结果“{answer}”无效：应为“有问题”或“无问题”。",
                             "Item {code}: “{answer}” is neither 有问题 nor 无问题."),
    "selfcheck.bad_count": ("第 {code} 项的问题个数“{count}”不是非负整数。",
                            "Item {code}: count “{count}” is not valid."),
    "selfcheck.bad_amount": ("第 {code} 项的涉及金额不对：{reason}", "Item {code}: bad amount: {reason}"),
    "selfcheck.count_needed": ("第 {code} 项选了“有问题”，请填写问题个数。",
                               "Item {code} says 有问题: give the count."),
    "selfcheck.no_programs": ("{scope}没有需要填写自查表的补贴项目。", "{scope} has no programs to self-check."),
    "selfcheck.bad_format": ("{path}：自查表只能导出为 .xlsx 或 .pdf。", "{path}: write the form as .xlsx or .pdf."),
    "selfcheck.written": ("已写入 {count} 个项目的自查表：{path}",
                          "Self-check forms of {count} programs written to {path}"),
    "complaint.evidence_added": ("{number} 已添加材料 {file}。", "{number}: {file} added."),
    "complaint.unknown": ("没有编号为 {ref} 的举报（ykt complaint list 可查看）。",
                          "No complaint {ref} (see `ykt complaint list`)."),
    "complaint.bad_channel": ("举报渠道“{channel}”无效，可用：{choices}。",
                             "Channel “{channel}” is not one of {choices}."),
    "complaint.bad_hotline": ("“{number}”不是电话号码。", "“{number}” is not a phone number."),
    "complaint.registered": ("已登记举报：{number}。", "Complaint {number} registered."),
    "evidence.missing": ("佐证材料 {path} 不存在。未做任何改动。",
                             "Evidence file {path} does not exist. Nothing changed."),
    "evidence.unknown_type": ("{path} 不是可接受的佐证材料类型（可用：{known}）。未做任何改动。",
                              "{path} is not an accepted evidence type ({known}). Nothing changed."),
    "evidence.empty": ("佐证材料 {path} 是空文件。未做任何改动。", "Evidence file {path} is empty. Nothing changed."),
    "evidence.too_large": ("佐证材料 {path} 超过 {mb} MB，请压缩或分开上传。未做任何改动。",
                           "Evidence file {path} is larger than {mb} MB. Nothing changed."),
    "evidence.unreadable": ("无法读取佐证材料 {path}：{reason}", "Cannot read evidence file {path}: {reason}"),
    "evidence.not_what_it_says": ("{path} 的内容不是 {kind} 文件（扩展名与内容不符）。未做任何改动。",
                                  "{path} is not really a {kind} file. Nothing changed."),
    "evidence.lost": ("佐证材料 {uid} 的内容缺失或与其 SHA-256 不符。", "Evidence {uid} is missing or fails its hash."),
    "findings.unknown_org": ("没有单位“{org}”（可用代码或名称）。", "No org “{org}” (code or name)."),
    "findings.bad_status": ("状态“{status}”无效，可用：{choices}。", "Status “{status}” is not one of {choices}."),
    "findings.unknown": ("没有编号为 {ref} 的问题（ykt findings 可查看）。", "No finding {ref} (see `ykt findings`)."),
    "findings.ambiguous": ("编号 {ref} 对应多个问题，请多写几位。", "{ref} matches several findings; give more of it."),
    "findings.reason_needed": ("排除问题必须写明理由（--reason）。", "Dismissing a finding needs a reason (--reason)."),
    "findings.cannot_resolve": ("“已消除”由自查自动判定，不能手工设置。",
                                "“resolved” is set by the checks, not by hand."),
    "findings.resolved": ("问题 {ref} 已消除（数据已改正），无需处理。", "Finding {ref} is resolved already."),
    "findings.decided": ("已把 {count} 条问题标为“{status}”。", "{count} findings marked “{status}”."),
    "findings.count": ("共 {count} 条。", "{count} findings."),
    "findings.written": ("已写入 {count} 条问题：{path}", "{count} findings written to {path}"),
    # 底数 and rule parameters
    "basics.written": ("底数已写入 {path}（工作表：{sheets}）。", "The 底数 workbook is in {path} (sheets: {sheets})."),
    "basics.out_unwritable": ("无法写入 {path}：文件夹不存在或没有写权限。",
                              "Cannot write {path}: the folder is missing or not writable."),
    "rules.no_params": ("规则 {rule} 没有可调整的参数。", "Rule {rule} has no parameters."),
    "rules.unknown_param": ("规则 {rule} 没有参数“{param}”。可用参数：{params}。",
                            "Rule {rule} has no parameter “{param}”. Parameters: {params}."),
    "rules.program_only": ("参数 {param}（{title}）只能按项目设置：请用 --program 指定项目"
                           "（未设定的项目用项目目录中的值）。",
                           "{param} is set per program only: give --program (others keep the catalogue's value)."),
    "rules.not_per_program": ("参数 {param}（{title}）不能按项目分别设置，请去掉 --program。",
                              "Parameter {param} ({title}) cannot differ per program; drop --program."),
    "rules.bad_value": ("“{value}”不是有效的值：{title}必须是不小于 0 的整数（最大 {max}）。",
                        "“{value}” is not a valid value: {title} must be a whole number ≥ 0 (at most {max})."),
    "rules.set": ("已把规则 {rule} 的参数 {param} {where}设为 {value}（原为 {before}），下次运行自查时生效。",
                  "Rule {rule}: {param} {where}set to {value} (was {before}); used by the next check run."),
    "rules.reset": ("已把规则 {rule} 的参数 {param} 恢复为默认值 {value}。",
                    "Rule {rule}: {param} back to its default {value}."),
    "rules.reset_program": ("已删除规则 {rule} 的参数 {param} 对项目 {program} 的单独设定。",
                            "Rule {rule}: the value of {param} for program {program} is removed."),
    "rules.unchanged": ("规则 {rule} 的参数 {param} {where}已经是 {value}，没有改动。",
                        "Rule {rule}: {param} {where}is {value} already; nothing changed."),
    # 核实表: findings sent to a village and its answers read back (SPEC §7)
    "verify.unknown_village": ("没有村（社区）“{village}”（可用代码或名称）。",
                               "No village “{village}” (code or name)."),
    "verify.ambiguous_village": ("有多个叫“{village}”的单位：{choices}。请用代码。",
                                 "Several org units are called “{village}”: {choices}. Use the code."),
    "verify.nothing_open": ("{village}没有待核实的问题，未生成核实表。",
                            "{village} has no open findings; no sheet written."),
    "verify.written": ("已生成{village}的核实表（{count} 条问题）：{path}",
                       "Verification sheet for {village} ({count} findings) written to {path}"),
    "verify.not_sheet": ("{file} 不是核实表：{reason}。请导入由“自查”页或 ykt verify-sheet export 生成、"
                         "村里填好的核实表。",
                         "{file} is not a verification sheet: {reason}. Import a sheet made by "
                         "`ykt verify-sheet export` and filled in by the village."),
    "verify.no_header": ("没有找到含“编号”和“核实结果”的表头", "no header row with 编号 and 核实结果"),
    "verify.unreadable": ("无法读取（{reason}）", "cannot be read ({reason})"),
    "verify.summary": ("核实表共 {rows} 行：确认 {confirmed} 条，排除 {dismissed} 条，未填写核实结果 {blank} 行，"
                       "与原状态相同 {same} 条，无法处理 {issues} 行。",
                       "{rows} rows: {confirmed} confirmed, {dismissed} dismissed, {blank} not answered, "
                       "{same} unchanged, {issues} could not be used."),
    "verify.row_no_uid": ("没有编号，无法对应到问题", "no 编号: cannot be matched to a finding"),
    "verify.row_unknown": ("没有编号为 {ref} 的问题", "no finding {ref}"),
    "verify.row_ambiguous": ("编号 {ref} 对应多个问题", "{ref} matches several findings"),
    "verify.row_answer": ("看不懂“{answer}”：请填写“属实”或“不属实”", "“{answer}” is not 属实 or 不属实"),
    "verify.row_resolved": ("问题 {ref} 已消除（数据已改正），未处理", "finding {ref} is resolved; left as it is"),
    "verify.row_other_village": ("问题 {ref} 不属于{village}，未处理", "finding {ref} is not in {village}; skipped"),
    "verify.row_duplicate": ("问题 {ref} 在第 {first} 行已填写，本行未处理",
                             "finding {ref} was answered on row {first}; this row skipped"),
    "notice.bad_days": ("公示期应为 {low}～{high} 天（给的是 {days} 天）。未做任何改动。",
                        "A notice period is {low} to {high} days (got {days}). Nothing changed."),
    "notice.bad_fingerprint": ("指纹应为 {digits} 位：一个字母加十六进制数字（如 D3A2-91BC-0D4E），给的是“{text}”。",
                               "A fingerprint is {digits} characters, a letter then hexadecimal digits "
                               "(like D3A2-91BC-0D4E), got “{text}”."),
    "notice.unknown_village": ("没有村（社区）“{village}”：请写村的代码或完整名称。",
                               "No village “{village}”: give its code or exact name."),
    "notice.ambiguous_org": ("有多个单位叫“{org}”（{codes}），请用代码。",
                             "Several org units are called “{org}” ({codes}); use the code."),
    "notice.unknown_township": ("没有乡镇“{township}”：请写乡镇的代码或完整名称。",
                                "No township “{township}”: give its code or exact name."),
    "notice.unknown_org": ("没有单位“{org}”。", "No org unit “{org}”."),
    "notice.no_program": ("请指定补贴项目（--program）。", "Name the program (--program)."),
    "notice.unknown_program": ("没有补贴项目“{program}”（ykt programs 可查看）。",
                               "No program “{program}” (see `ykt programs`)."),
    "notice.ambiguous_program": ("“{program}”对应多个补贴项目，请用项目代码。",
                                 "“{program}” matches several programs; use the code."),
    "notice.bad_period": ("期间“{period}”无效：{reason}", "Period “{period}” is not valid: {reason}"),
    "notice.no_payments": ("{village}没有{period}{programs}的发放记录，无法制作公示。",
                           "{village} has no payments of {programs} in {period}; no notice made."),
    "notice.unknown": ("没有编号为 {ref} 的公示（ykt notice list 可查看）。",
                       "No notice {ref} (see `ykt notice list`)."),
    "notice.ambiguous": ("{ref} 对应多个公示（合并了多个单位的数据），请用纸面二维码的内容或公示的 UID 前几位。",
                         "{ref} matches several notices (merged data of several offices); give the QR code's text "
                         "or the first characters of the notice's UID."),

    "notice.posted_future": ("{number} 的张贴日期 {day} 晚于今天。未做任何改动。",
                             "{number}: posting date {day} is in the future. Nothing changed."),
    "notice.posted_after_end": ("{number} 的张贴日期 {day} 晚于公示期结束日 {end}。未做任何改动。",
                                "{number}: posting date {day} is after the notice period ended on {end}. "
                                "Nothing changed."),
    "notice.objection_outside": ("{number} 的公示期是 {start} 至 {end}，异议日期 {day} 不在公示期内。"
                                 "公示期外收到的意见请按举报登记（ykt complaint add）。",
                                 "{number} ran from {start} to {end}; {day} is outside the notice period. "
                                 "Register it as a complaint (`ykt complaint add`)."),
    "notice.objection_nobody": ("请写明异议涉及的人（公示上的序号、姓名或身份证号）。",
                                "Name the persons the objection concerns (row number, name or masked ID)."),
    "notice.objection_unknown_person": ("公示 {number} 上没有“{person}”（请写公示上的序号、姓名或打码后的身份证号）。",
                                        "Notice {number} lists no “{person}” (give a row number, name or the "
                                        "masked ID as printed)."),
    "notice.objection_ambiguous_person": ("公示 {number} 上“{person}”对应多个人，请写序号。",
                                          "“{person}” matches several people on notice {number}; give the row number."),
    "notice.made": ("已制作公示 {number}：{title}，{rows} 行，合计 {yuan} 元，公示期 {start} 至 {end}，"
                    "指纹 {fingerprint}。",
                    "Made notice {number}: {title}, {rows} rows, {yuan} yuan in all, posted {start} to {end}, "
                    "fingerprint {fingerprint}."),
    "notice.batch_made": ("已为{township}的 {count} 个村制作公示（{first}～{last}），共 {rows} 行，合计 {yuan} 元。",
                          "Made notices for {count} villages of {township} ({first} to {last}): {rows} rows, "
                          "{yuan} yuan in all."),
    "notice.written": ("已写入 {path}", "Wrote {path}"),
    "notice.write_failed": ("无法写入 {path}：{reason}。没有保存任何公示。",
                            "Cannot write {path}: {reason}. No notice was saved."),
    "notice.out_unwritable": ("无法写入 {path}：文件夹不存在或没有写权限。未做任何改动。",
                              "Cannot write {path}: the folder is missing or not writable. Nothing changed."),
    "notice.count": ("共 {count} 份公示：未张贴 {unposted}，公示中 {running}，公示期满 {over}。",
                     "{count} notices: {unposted} not posted, {running} running, {over} ended."),
    "notice.shown": ("（按 --limit 只列出前 {shown} 份）", " (only the first {shown} listed, --limit)"),
    "notice.shown_rows": ("（按 --limit 只列出前 {shown} 行）", " (only the first {shown} rows listed, --limit)"),
    "notice.coverage_count": ("共 {count} 个村·项目·期间有发放：无公示 {none}，未张贴 {unposted}，部分公示 {partly}，"
                              "张贴过晚 {late}，已公示 {done}。",
                              "{count} village, program and period groups with payments: {none} without a notice, "
                              "{unposted} not posted, {partly} partly, {late} posted too late, {done} publicised."),
    "notice.reprinted": ("已重印公示 {number}（编号和指纹不变：{fingerprint}）。",
                         "Reprinted notice {number} (same number and fingerprint: {fingerprint})."),
    "notice.posted": ("已登记张贴：公示 {number} 于 {day} 由 {by} 张贴，照片 {photos} 张。",
                      "Recorded posting: notice {number} posted on {day} by {by}; {photos} photo(s)."),
    "notice.objection_registered": ("已登记公示异议：{complaint}（公示 {number}，涉及 {persons}）。",
                                    "Registered objection {complaint} to notice {number}, concerning {persons}."),
    "notice.check_paper_ok": ("纸面指纹 {given} 与公示 {number} 的记录相符。",
                              "The paper's fingerprint {given} matches notice {number} as recorded."),
    "notice.check_paper_bad": ("不符：纸面指纹 {given} 与公示 {number} 制作时的指纹 {recorded} 不一致——"
                               "这张纸不是本系统打印的这份公示，或已被改动。",
                               "MISMATCH: the paper's fingerprint {given} is not that of notice {number} as made "
                               "({recorded}): the paper is not this notice as printed, or it was altered."),
    "notice.check_no_paper": ("未给出纸面指纹（--fingerprint），只核对数据。",
                              "No fingerprint from the paper (--fingerprint): checking the data only."),
    "notice.check_data_ok": ("数据相符：公示列出的 {rows} 笔发放至今未变。",
                             "The data matches: the {rows} payments the notice lists are unchanged."),
    "notice.check_data_changed": ("不符：公示制作后，{count} 行的数据已改变（当前数据的指纹为 {current}）：",
                                  "MISMATCH: since the notice was made the data of {count} row(s) changed "
                                  "(the data's fingerprint is now {current}):"),
    "notice.check_row": ("  第 {seq} 行 {name}：{what}", "  row {seq} {name}: {what}"),
    "notice.check_ok": ("结论：相符。", "Result: matches (相符)."),
    "notice.check_bad": ("结论：不符。", "Result: does not match (不符)."),
    "notice.unprintable": ("注意：{number} 第 {rows} 行有字库中没有的文字（如阿拉伯字母书写的姓名），PDF 上印为“□”，"
                           "请在纸面上手写补全；Excel 中保留原文。",
                           "Note: rows {rows} of {number} contain text the PDF font cannot print (such as names in "
                           "Arabic script), printed as “□”: write them in by hand; the Excel file keeps the text."),
    # PDF signatures (PAdES) and the org's signing certificate
    "sign.not_pdf": ("不是 PDF 文件，或文件已损坏：无法读取其中的签名。",
                     "Not a PDF file, or a damaged one: its signatures cannot be read."),
    "sign.timestamp_failed": ("无法从时间戳服务器 {url} 取得时间戳，未签名。请检查网络，或不用时间戳签名。",
                              "Could not get a timestamp from {url}; nothing signed. Check the network, or sign "
                              "without a timestamp."),
    "sign.status.trusted": ("有效，签名人可信", "valid, and the signer is trusted"),
    "sign.status.untrusted": ("签名有效但签名人不受信任（未导入其证书）",
                              "valid but untrusted: the signer's certificate has not been imported"),
    "sign.status.modified": ("签名后文档被修改", "the document was changed after it was signed"),
    "sign.status.invalid": ("签名无效", "the signature is invalid"),
    "sign.none": ("没有签名", "no signature"),
    "package.too_large": ("数据包内容超过 {gb} GB，无法打包。", "The package content exceeds {gb} GB."),
    "package.write_failed": ("数据包没有完整写入 {path}（读回校验不符）：请换一个U盘或文件夹重试。",
                             "The package was not written completely to {path} (read-back differs): try another "
                             "stick or folder."),
    "package.not_package": ("{file} 不是一卡通数据包（.ykt）。", "{file} is not an exchange package (.ykt)."),
    "package.damaged": ("数据包 {file} 已损坏（被截断、被追加了内容或格式不对），未导入：请对方重新导出。",
                        "The package {file} is damaged (cut off, extended or malformed); nothing imported: ask "
                        "the sender to export it again."),
    "package.newer_version": ("数据包 {file} 是更新的格式（第 {version} 版），本软件只能读到第 {supported} 版："
                              "请先升级软件。",
                              "The package {file} uses a newer format (version {version}); this build reads up to "
                              "version {supported}: upgrade first."),
    "package.untrusted": ("数据包 {file} 来自未受信任的密钥：{org}（{code}），密钥指纹 {fingerprint}。请先当面或电话"
                          "核对指纹后 ykt keys trust 对方的公钥文件。",
                          "The package {file} comes from an untrusted key: {org} ({code}), fingerprint "
                          "{fingerprint}. Check the fingerprint in person or by phone, then ykt keys trust the "
                          "sender's key file."),
    "package.revoked": ("数据包 {file} 的发送方 {org}（{code}）的密钥已被吊销，未导入。",
                        "The package {file} is from {org} ({code}), whose key was revoked; nothing imported."),
    "package.bad_signature": ("数据包 {file} 的签名不符：文件在 {org} 签名后被改动过，未导入。",
                              "The signature of {file} does not match: the file was changed after {org} signed it; "
                              "nothing imported."),
    "package.not_for_us": ("数据包 {file} 是发给 {recipient}（{code}）的，不是发给本单位的，未导入。",
                           "The package {file} is for {recipient} ({code}), not for this org; nothing imported."),
    "package.cannot_open": ("数据包 {file} 无法解密或解压（内容与包头不符），未导入。",
                            "The package {file} cannot be decrypted or unpacked (its content does not match its "
                            "header); nothing imported."),
    "db.migration_failed": ("数据库升级失败（{reason}），数据库保持原样：请联系技术支持。",
                            "Upgrading the database failed ({reason}); it was left as it was."),
    "package.not_below": ("数据包 {file} 中 {org} 转来的 {code} 的数据包不可信：{code} 不是 {org} 的直接下级，"
                          "或与本单位信任的密钥不同；未导入。",
                          "In {file}, the package of {code} passed on by {org} is not trusted: {code} is not directly "
                          "below {org}, or its key differs from the one trusted here; nothing imported."),
    "package.forward_mismatch": ("数据包 {file} 中 {org} 转来的数据包与其签名或内容不符，未导入。",
                                 "In {file}, a package passed on by {org} does not match its signature or content; "
                                 "nothing imported."),
    "package.bad_suffix": ("数据包文件应以 .ykt 结尾：{path}", "A package file ends in .ykt: {path}"),
    "package.not_neighbour": ("{code} 既不是本单位的上级，也不是本单位的下级：数据包只发给直接上级或直接下级。",
                              "{code} is neither directly above nor directly below this office: packages go to "
                              "the office directly above or below."),
    "package.unknown_recipient": ("没有受信任的单位“{org}”：先 ykt keys trust 对方的公钥文件。",
                                  "No trusted office “{org}”: ykt keys trust its key file first."),
    "package.recipient_revoked": ("{org}（{code}）的密钥已吊销，不能再给它发数据包。",
                                  "The keys of {org} ({code}) were revoked; no packages go to it."),
    "package.replayed": ("数据包 {file} 与已导入的 {org} 第 {sequence} 个数据包编号相同、内容不同，未导入："
                         "可能是重放或伪造，请与对方核实。",
                         "The package {file} has the number of package {sequence} from {org} already imported, "
                         "with other contents; nothing imported: it may be replayed or forged."),
    "package.old_epoch": ("数据包 {file} 属于 {org} 的旧一轮（第 {epoch} 轮），对方已开始新一轮：未导入。",
                          "The package {file} belongs to an old epoch ({epoch}) of {org}; nothing imported."),
    "package.exported": ("已写出数据包 {path}：发给 {name}（{code}），第 {epoch} 轮第 {sequence} 个，"
                         "共 {records} 条记录（已读回校验）。",
                         "Wrote {path} for {name} ({code}): epoch {epoch}, package {sequence}, {records} records "
                         "(read back and checked)."),
    "package.already": ("数据包 {file} 已导入过，没有变化。",
                        "The package {file} was imported before; nothing changed."),
    "package.imported": ("已导入 {file}（{name} 第 {sequence} 个）：新增 {added}，更新 {changed}，"
                         "未变 {unchanged}，较旧 {older}，拒绝 {refused}。",
                         "Imported {file} ({name}, package {sequence}): {added} added, {changed} changed, "
                         "{unchanged} unchanged, {older} older, {refused} refused."),
    "package.dry_run": ("预览 {file}（{name} 第 {sequence} 个，未导入）：将新增 {added}，更新 {changed}，"
                        "未变 {unchanged}，较旧 {older}，拒绝 {refused}。",
                        "Preview of {file} ({name}, package {sequence}; nothing imported): {added} to add, "
                        "{changed} to change, {unchanged} unchanged, {older} older, {refused} refused."),
    "report.bad_month": ("月份“{text}”看不懂：请写成 2019-07 或 2019年7月。",
                         "Cannot read the month “{text}”: write it as 2019-07."),
    "report.unknown_section": ("报告没有“{section}”这一部分；可填写的部分：{known}。",
                               "The report has no section “{section}”; sections: {known}."),
    "report.text_too_long": ("“{section}”太长：最多 {most} 个字。",
                             "“{section}” is too long: at most {most} characters."),
    "report.needs_text": ("签名前请先填写“{section}”：签名的报告不能缺少这一部分。",
                          "Write “{section}” before signing: a signed report cannot leave it empty."),
    "report.not_made": ("{title} 还没有生成 PDF：请先生成（或签名）。",
                        "{title} has no PDF yet: make (or sign) it first."),
    "report.sent_in_future": ("报送日期 {day} 还没到：请写实际报送的日期。",
                              "The sending date {day} is in the future: give the day it was sent."),
    "report.bad_timestamp_url": ("时间戳服务地址“{url}”应以 http:// 或 https:// 开头。",
                                 "The timestamp server “{url}” must start with http:// or https://."),
    "report.unknown_department": ("没有主管部门“{name}”：补贴项目目录中的部门有 {known}。",
                                  "No department “{name}” in the programme catalogue: {known}."),
    "report.already_sent": ("{title} 已于 {day} 报送，不能再修改或重新生成。",
                            "{title} was sent on {day}; it can no longer be changed or made again."),
    "report.sent_before_made": ("报送日期 {day} 早于报告生成的日期 {made}。",
                                "The sending date {day} is before the report was made ({made})."),
    "report.made": ("已生成 {title}：{path}", "Made {title}: {path}"),
    "report.signed": ("已生成并签名 {title}：{path}（签名人 {signer}，证书指纹 {fingerprint}）",
                      "Made and signed {title}: {path} (signer {signer}, certificate {fingerprint})"),
    "report.sent": ("已登记报送：{title}，{day}。", "Recorded as sent: {title}, {day}."),
    "report.text_saved": ("已保存 {title} 的文字部分：{sections}。", "Saved the text of {title}: {sections}."),
    "report.bad_text_arg": ("--text 应写成 部分=文字 或 部分=@文件（如 progress=@本月进展.txt），不是“{text}”。",
                            "--text takes SECTION=TEXT or SECTION=@FILE (e.g. progress=@progress.txt), not “{text}”."),
    "report.write_failed": ("无法写入 {path}：{reason}（报告未登记）。",
                            "Cannot write {path}: {reason} (the report was not recorded)."),
    "report.timestamp_set": ("签名时使用时间戳服务：{url}", "Signing uses the timestamp server {url}"),
    "report.timestamp_cleared": ("签名时不使用时间戳服务。", "Signing uses no timestamp server."),
    "sign.not_legal_seal": ("这是数字签名，用于在专项整治中证明文件的来源和完整性；它不是法定电子签章或公章"
                            "（GB/T 38540，SM2）。",
                            "This is a digital signature proving a document's origin and integrity within the "
                            "campaign; it is not a legal electronic seal (电子签章/公章, GB/T 38540, SM2)."),
    "sign.describe": ("PAdES 数字签名（ECDSA P-256）：证书“{subject}”，指纹 {fingerprint}",
                      "PAdES digital signature (ECDSA P-256): certificate “{subject}”, fingerprint {fingerprint}"),
    "sign.line": ("签名 {n}：{signer}（单位代码 {code}），签名时间 {time}：{reason}",
                  "Signature {n}: {signer} (org code {code}), signed {time}: {reason}"),
    "sign.timestamp_trusted": ("带有受信任时间戳服务的时间戳（PAdES B-T）：签名时间以时间戳为准。",
                               "Timestamped by a trusted timestamp server (PAdES B-T): the signing time is the "
                               "timestamp's."),
    "sign.timestamp_untrusted": ("带有时间戳，但时间戳服务未受信任：签名时间为签名人电脑的时间。",
                                 "Timestamped, but by an untrusted timestamp server: the signing time is the "
                                 "signer's computer's."),
    "sign.verify_ok": ("结论：{count} 个签名均有效，签名后文档未被修改，签名人可信。",
                       "Result: all {count} signature(s) valid, the document unchanged since, the signers trusted."),
    "sign.verify_bad": ("结论：未通过核验（{reasons}）。", "Result: verification failed ({reasons})."),
    "sign.verify_none": ("结论：没有签名，{file} 未经数字签名。", "Result: no signature; {file} is not signed."),
    "keys.not_certificate": ("{file} 不是 X.509 证书文件（应为 .pem、.crt、.cer 或 .der）。",
                             "{file} is not an X.509 certificate (.pem, .crt, .cer or .der)."),
    "keys.p12_unreadable": ("无法打开证书文件 {file}：口令（YKT_P12_PASSPHRASE）不正确，或文件已损坏。",
                            "Cannot open the certificate file {file}: wrong passphrase (YKT_P12_PASSPHRASE), or a "
                            "damaged file."),
    "keys.p12_incomplete": ("证书文件 {file} 中没有私钥和证书。", "{file} holds no private key and certificate."),
    "keys.p12_not_p256": ("证书文件 {file} 中的密钥不是 ECDSA P-256 密钥，本软件不能用它签名。",
                          "The key in {file} is not an ECDSA P-256 key; this product cannot sign with it."),
    "keys.p12_key_mismatch": ("证书文件 {file} 中的私钥与证书不匹配，未导入。",
                              "The private key in {file} does not match its certificate; nothing imported."),
    "keys.p12_other_org": ("证书文件 {file} 是发给“{name}”（{code}）的，不是本单位（{own}）的，未导入。",
                           "{file} was issued to “{name}” ({code}), not to this org ({own}); nothing imported."),
    "keys.p12_no_issuer": ("证书文件 {file} 中缺少签发它的上级证书（或上级证书与之不符），未导入。",
                           "{file} lacks the certificate of its issuer (or it does not match); nothing imported."),
    "keys.unknown_org": ("没有单位“{org}”（可用代码或名称）。", "No org unit “{org}” (give a code or a name)."),
    "keys.ambiguous_org": ("有多个叫“{org}”的单位：{choices}。请用代码。",
                           "Several org units are called “{org}”: {choices}. Use a code."),
    "keys.not_below": ("“{name}”（{code}）不是本单位的下级单位，不能为它签发证书。",
                       "“{name}” ({code}) is not below this org; no certificate issued."),
    "keys.bad_level": ("“{name}”（{code}）不是单独安装本软件的单位（县、乡镇或部门），不能为它签发证书。",
                       "“{name}” ({code}) is not an org that runs its own installation (county, township or "
                       "department); no certificate issued."),
    "keys.not_ca": ("本单位的签名证书是上级签发的，不能再签发证书；请由上级单位签发。",
                    "This org's certificate was issued by its superior and cannot issue certificates; ask the "
                    "superior org."),
    "keys.issued": ("已为“{name}”（{code}）签发证书，有效期至 {until}，已写入 {path}（用 YKT_P12_PASSPHRASE 的口令"
                    "加密）。证书指纹：{fingerprint}。请把文件交给对方，口令当面或电话告知。",
                    "Issued a certificate to “{name}” ({code}), valid until {until}, written to {path} (encrypted "
                    "under YKT_P12_PASSPHRASE). Fingerprint: {fingerprint}. Hand the file over; tell the "
                    "passphrase in person or by phone."),
    "keys.imported": ("已导入“{issuer}”签发的证书，今后用它签名。证书指纹：{fingerprint}。“{issuer}”的证书已加入"
                      "信任列表。",
                      "Imported the certificate issued by “{issuer}”; reports are signed with it from now on. "
                      "Fingerprint: {fingerprint}. “{issuer}” is now trusted."),
    "keys.trusted": ("已信任“{name}”（{code}）的证书，指纹：{fingerprint}。请与对方当面或电话核对指纹。",
                     "Now trusting the certificate of “{name}” ({code}), fingerprint {fingerprint}. Check the "
                     "fingerprint with its owner in person or by phone."),
    "keys.already_trusted": ("“{name}”的证书（指纹 {fingerprint}）已受信任，未做改动。",
                             "The certificate of “{name}” (fingerprint {fingerprint}) is trusted already; "
                             "nothing changed."),
    "keys.exported": ("已写出本单位的公钥文件 {path}。请把文件交给对方，并当面或电话告知指纹：{fingerprint}",
                      "Wrote this office's public keys to {path}. Give the file to the other office and read "
                      "them the fingerprint in person or by phone: {fingerprint}"),
    "keys.key_fingerprint_mismatch": ("公钥文件的签名密钥指纹是 {actual}，与给出的 {given} 不符，未信任："
                                      "请与对方重新核对。",
                                      "The key file's signing key fingerprint is {actual}, not the {given} given; "
                                      "nothing trusted: check with the other office again."),
    "keys.backed_up": ("已把密钥库另存到 {path}（仍由密钥口令加密）：请妥善保管，口令另行保存。",
                       "Saved the keystore to {path} (still under the key passphrase): keep it safe, and the "
                       "passphrase apart."),
    "keys.not_public_file": ("{file} 不是一卡通公钥文件（应由对方 ykt keys export 写出）。",
                             "{file} is not a public key file (written by ykt keys export)."),
    "keys.trust_unconfirmed": ("信任 {name} 的密钥前，请核对指纹 {fingerprint}：用 --fingerprint 写出对方告知的指纹，"
                               "或在终端中运行以便确认（脚本中已另行核对时用 --yes）。",
                               "Before trusting {name}'s keys, check the fingerprint {fingerprint}: give the one "
                               "read out to you with --fingerprint, or run on a terminal to confirm (--yes in "
                               "scripts that checked it otherwise)."),
    "keys.trust_prompt": ("单位：{name}（{code}）\n签名密钥指纹：{fingerprint}\n请与对方当面或电话核对指纹，"
                          "一致请输入 yes：",
                          "Office: {name} ({code})\nSigning key fingerprint: {fingerprint}\nCompare it with the "
                          "other office in person or by phone; type yes if it matches: "),
    "keys.trust_declined": ("没有确认指纹，未信任。", "The fingerprint was not confirmed; nothing trusted."),
    "keys.trust_own": ("这是本单位自己的公钥文件，不需要信任。", "This is this office's own key file."),
    "keys.trust_revoked_key": ("{name}（{code}）的这个密钥已被吊销，不能再信任：请对方换新密钥。",
                               "This key of {name} ({code}) was revoked and cannot be trusted again."),
    "keys.peer_has_other_key": ("已信任 {name}（{code}）的另一个密钥（指纹 {fingerprint}）：如对方更换了密钥，"
                                "请先 ykt keys revoke {code}。",
                                "Another key of {name} ({code}) is trusted (fingerprint {fingerprint}): if they "
                                "changed keys, ykt keys revoke {code} first."),
    "keys.peer_trusted": ("已信任 {name}（{code}）的密钥，指纹 {fingerprint}；其签名的 PDF 也将核验为可信。",
                          "Trusted the keys of {name} ({code}), fingerprint {fingerprint}; PDFs it signs now "
                          "verify as trusted."),
    "keys.peer_already": ("{name}（{code}）的这个密钥早已受信任。",
                          "These keys of {name} ({code}) are already trusted."),
    "keys.unknown_peer": ("没有受信任的单位“{org}”：请写单位代码。", "No trusted office “{org}”: give its code."),
    "keys.already_revoked": ("{name}（{code}）的密钥早已吊销。", "The keys of {name} ({code}) are already revoked."),
    "keys.peer_revoked": ("已吊销 {name}（{code}）的密钥：今后拒收其数据包；吊销记录将随数据包下发。",
                          "Revoked the keys of {name} ({code}): its packages are refused from now on; the "
                          "revocation goes down with packages."),
    "keys.fingerprint_mismatch": ("证书的指纹是 {actual}，与给出的 {given} 不符，未信任。",
                                  "The certificate's fingerprint is {actual}, not {given}; not trusted."),
    "keys.cert_exported": ("已把本单位的签名证书写入 {path}（公开内容，可交给需要核验本单位签名的单位）。"
                           "指纹：{fingerprint}",
                           "Wrote this org's signing certificate to {path} (public: give it to whoever verifies "
                           "our signatures). Fingerprint: {fingerprint}"),
    "keys.own_label": ("本单位", "this org"),
    "keys.previous_label": ("本单位以前的证书", "this org's previous certificate"),
    "keys.issuer_label": ("签发本单位证书的上级", "the issuer of this org's certificate"),
    "keys.no_folder": ("无法写入 {path}：文件夹不存在。", "Cannot write {path}: the folder does not exist."),
    "secret.p12_passphrase": ("证书文件（.p12）的口令", "the certificate file (.p12) passphrase"),
}


#: The languages of the interface: Chinese first, English second.
LANGUAGES = ("zh", "en")
_chosen: str | None = None


def choose_language(lang: str | None) -> None:
    """Fix the language for this process (the GUI's 设置); None goes back to the environment."""
    global _chosen
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _chosen = lang


def environment_language() -> str:
    """'zh' unless YKT_LANG, LC_ALL or LANG asks for English (Chinese first, also under C/POSIX)."""
    lang = os.environ.get("YKT_LANG") or os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "en" if lang.lower().startswith("en") else "zh"


def language() -> str:
    """The language chosen for this process, else the environment's."""
    return _chosen or environment_language()


def message(key: str, lang: str | None = None, **params: object) -> str:
    """The text for a message key in the chosen language."""
    zh, en = MESSAGES[key]
    text = en if (lang or language()) == "en" else zh
    return text.format(**params) if params else text
