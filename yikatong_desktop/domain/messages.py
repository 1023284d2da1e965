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
    "db.not_initialised": ("数据库尚未初始化（缺少本单位信息）。请运行 ykt init。",
                           "The database has not been initialised (no org). Run `ykt init`."),
    "db.unreachable": ("无法打开数据库 {url}：{reason}", "Cannot open the database {url}: {reason}"),
    "db.busy": ("数据库正忙：其他用户正在写入（例如导入大文件），请稍后再试。没有保存任何改动。",
                "The database is busy: someone else is writing (a large import?). Try again later; nothing was saved."),
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
                               "Required columns are missing ({detail}). Nothing was imported."),
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
                            "{matched} return lines matched to payments, {unmatched} without a payment."),
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
    "gui.screenshot_unwritable": ("无法把截图写到 {path}：文件夹不存在或没有写权限。",
                                  "Cannot write the screenshot to {path}: no such folder, or not writable."),
    "secret.mismatch": ("两次输入的{what}不一致，未做任何改动。", "The two {what} entries differ; nothing changed."),
    "gui.no_display": ("没有图形显示环境：已把界面截图保存到 {path}。", "No display: saved a screenshot to {path}."),
    "permission.denied": ("{actor} 无权执行“{action}”。", "{actor} may not {action}."),
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
}


def language() -> str:
    """'zh' unless LC_ALL/LANG asks for English (the product is Chinese first, also under C/POSIX)."""
    lang = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "en" if lang.lower().startswith("en") else "zh"


def message(key: str, lang: str | None = None, **params: object) -> str:
    """The text for a message key in the chosen language."""
    zh, en = MESSAGES[key]
    text = en if (lang or language()) == "en" else zh
    return text.format(**params) if params else text
