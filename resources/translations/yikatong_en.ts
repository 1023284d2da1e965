<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>帮助</source>
        <extracomment>The tabs, in order.</extracomment>
        <translation>Help</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>使用说明</source>
        <translation>User guide</translation>
    </message>
    <message>
        <source>许可</source>
        <translation>Licences</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>惠民财政补贴资金“一卡通”专项整治</source>
        <translation>Special campaign on the “One Card” for subsidy funds</translation>
    </message>
    <message>
        <source>{0}（PySide6 {1}）</source>
        <translation>{0} (PySide6 {1})</translation>
    </message>
    <message>
        <source>版本：</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>数据文件夹：</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <source>日志文件夹：</source>
        <translation>Log folder:</translation>
    </message>
    <message>
        <source>数据库：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>在文件管理器中打开这个文件夹</source>
        <translation>Open this folder in the file manager</translation>
    </message>
    <message>
        <source>数据文件夹中有日志、自动备份和本机的设置；出错时请把日志文件夹中的日志交给技术支持人员。</source>
        <translation>The data folder holds the logs, the automatic backups and this computer&apos;s settings; when something goes wrong, give the logs in the log folder to your technical support.</translation>
    </message>
    <message>
        <source>没有找到这一页的使用说明：{0}</source>
        <translation>The user guide of this page was not found: {0}</translation>
    </message>
    <message>
        <source>第三方软件</source>
        <translation>Third-party software</translation>
    </message>
    <message>
        <source>没有找到许可说明：{0}</source>
        <translation>The licence notice was not found: {0}</translation>
    </message>
    <message>
        <source>字体：{0}</source>
        <translation>Font: {0}</translation>
    </message>
</context>
<context>
    <name>AuditLogBox</name>
    <message>
        <source>全部动作</source>
        <extracomment>Action prefixes a clerk filters by, with their names.</extracomment>
        <translation>All actions</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>自查</source>
        <translation>Self-check</translation>
    </message>
    <message>
        <source>问题核实</source>
        <translation>Finding verification</translation>
    </message>
    <message>
        <source>发放记录</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Persons</translation>
    </message>
    <message>
        <source>补贴项目</source>
        <translation>Subsidy programs</translation>
    </message>
    <message>
        <source>补贴标准</source>
        <translation>Subsidy standards</translation>
    </message>
    <message>
        <source>规则参数</source>
        <translation>Rule parameters</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>初始化</source>
        <translation>Set-up</translation>
    </message>
    <message>
        <source>对象：类型或 UID 前几位</source>
        <translation>Object: type or first characters of the UID</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>核验审计链</source>
        <translation>Verify audit chain</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>动作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>详情（已脱敏）</source>
        <translation>Details (masked)</translation>
    </message>
    <message>
        <source>（无法读取）</source>
        <translation>(unreadable)</translation>
    </message>
    <message>
        <source>（只显示最新的 {0} 条）</source>
        <translation> (only the newest {0} shown)</translation>
    </message>
    <message>
        <source>共 {0} 条{1}</source>
        <translation>{0} in all{1}</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>BackupsBox</name>
    <message>
        <source>导入、合并项目、恢复之前和每天第一次打开时，都会自动备份到数据文件夹：{0}</source>
        <extracomment>The reason of a backup made before a schema upgrade (backups.upgrade_reason): `before-upgrade-0011-to-0012`. A passphrase asked of the user: None when they cancelled. Emitted after a restore: every page shows data that is gone.</extracomment>
        <translation>A backup is made by itself before an import, a program merge or a restore, and the first time the program is opened each day, in the data folder: {0}</translation>
    </message>
    <message>
        <source>备份时间</source>
        <translation>Made at</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>备份到 U 盘…</source>
        <translation>Back up to USB stick…</translation>
    </message>
    <message>
        <source>用选中的备份恢复…</source>
        <translation>Restore from selected backup…</translation>
    </message>
    <message>
        <source>从文件恢复…</source>
        <translation>Restore from file…</translation>
    </message>
    <message>
        <source> 份</source>
        <translation> backups</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保留最近</source>
        <translation>Keep the latest</translation>
    </message>
    <message>
        <source>升级前（结构版本 {0} → {1}）</source>
        <translation>Before upgrade (schema {0} → {1})</translation>
    </message>
    <message>
        <source>正在处理，请稍候……</source>
        <translation>Working, please wait…</translation>
    </message>
    <message>
        <source>备份到</source>
        <translation>Back up to</translation>
    </message>
    <message>
        <source>一卡通备份.yktbak</source>
        <translation>one-card-backup.yktbak</translation>
    </message>
    <message>
        <source>加密备份 (*.yktbak)</source>
        <translation>Encrypted backup (*.yktbak)</translation>
    </message>
    <message>
        <source>请先在列表中选中一份备份。</source>
        <translation>Select a backup in the list first.</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>备份 (*.yktbak *.sqlite3);;所有文件 (*)</source>
        <translation>Backups (*.yktbak *.sqlite3);;All files (*)</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>用备份“{0}”替换数据库的全部内容？
当前的数据会先备份，恢复后各页面将重新载入。</source>
        <translation>Replace everything in the database with the backup “{0}”?
The current data is backed up first; every page is reloaded after the restore.</translation>
    </message>
    <message>
        <source>密钥口令</source>
        <translation>Key passphrase</translation>
    </message>
    <message>
        <source>这是加密备份，请输入本单位的密钥口令：</source>
        <translation>This backup is encrypted: type your office&apos;s key passphrase:</translation>
    </message>
    <message>
        <source>已保存：保留最近 {0} 份备份（下次备份时清理更早的）。</source>
        <translation>Saved: the latest {0} backups are kept (older ones are removed at the next backup).</translation>
    </message>
</context>
<context>
    <name>BasicsPanel</name>
    <message>
        <source>底数（摸清底数：补贴项目、发放方式、金额、管理部门、代理银行）</source>
        <translation>Baseline (subsidy programs, payment methods, amounts, departments, agent banks)</translation>
    </message>
    <message>
        <source>正在统计……</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>代理银行</source>
        <translation>Agent bank</translation>
    </message>
    <message>
        <source>账户数</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>受益人数</source>
        <translation>Beneficiaries</translation>
    </message>
    <message>
        <source>笔数</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>补贴项目 {0} 项（主管部门 {1} 个），受益 {2} 人、{3} 户，发放 {4} 笔，金额 {5} 元；银行账户 {6} 个，代理银行 {7} 家。</source>
        <translation>{0} subsidy programs ({1} departments), {2} beneficiaries in {3} households, {4} payments, {5} yuan; {6} bank accounts, {7} agent banks.</translation>
    </message>
    <message>
        <source>发放方式（按笔数）：</source>
        <translation>Payment methods (by payments): </translation>
    </message>
    <message>
        <source>，</source>
        <comment>separator of phrases</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>{0} {1} 笔（{2}）</source>
        <translation>{0} {1} payments ({2})</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>补贴项目</source>
        <translation>Subsidy program</translation>
    </message>
    <message>
        <source>主管部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>{0}年（元）</source>
        <translation>{0} (yuan)</translation>
    </message>
    <message>
        <source>合计（元）</source>
        <translation>Total (yuan)</translation>
    </message>
    <message>
        <source>一卡通占比</source>
        <translation>One Card share</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>核对公示 {0}</source>
        <translation>Check notice {0}</translation>
    </message>
    <message>
        <source>纸面上印的 12 位指纹，如 D3A2-91BC-0D4E；也可粘贴二维码内容</source>
        <translation>The 12-digit fingerprint printed on the paper, e.g. D3A2-91BC-0D4E; or paste the QR code&apos;s text</translation>
    </message>
    <message>
        <source>公示编号：</source>
        <translation>Notice number:</translation>
    </message>
    <message>
        <source>纸面指纹：</source>
        <translation>Fingerprint on paper:</translation>
    </message>
    <message>
        <source>不填指纹时只核对数据：公示制作后，名单上的发放是否被改动或作废。</source>
        <translation>Without a fingerprint only the data is checked: whether payments on the list were changed or voided since the notice was made.</translation>
    </message>
    <message>
        <source>核对</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ChecksPage</name>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>风险</source>
        <translation>Risk</translation>
    </message>
    <message>
        <source>待核实</source>
        <translation>To verify</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>已排除</source>
        <translation>Dismissed</translation>
    </message>
    <message>
        <source>已消除</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>涉及金额(元)</source>
        <translation>Amount involved (yuan)</translation>
    </message>
    <message>
        <source>运行全部规则</source>
        <translation>Run all rules</translation>
    </message>
    <message>
        <source>运行勾选的规则</source>
        <translation>Run ticked rules</translation>
    </message>
    <message>
        <source>全部规则</source>
        <translation>All rules</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>全部乡镇</source>
        <translation>All townships</translation>
    </message>
    <message>
        <source>全部村</source>
        <translation>All villages</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>发现的问题：</source>
        <translation>Findings:</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#777&apos;&gt;选中一条问题，查看说明、依据和处理记录。按住 Ctrl 或 Shift 可多选，一次确认或排除。&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#777&apos;&gt;Select a finding to see its explanation, evidence and history. Hold Ctrl or Shift to select several and confirm or dismiss them at once.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>确认…</source>
        <translation>Confirm…</translation>
    </message>
    <message>
        <source>排除…</source>
        <translation>Dismiss…</translation>
    </message>
    <message>
        <source>重新打开…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>登记为问题…</source>
        <translation>Register as problem…</translation>
    </message>
    <message>
        <source>把选中的疑点登记到问题台账（挂号），金额和涉及人员随之带入</source>
        <translation>Register the selected findings in the problem ledger; their amounts and persons are carried over</translation>
    </message>
    <message>
        <source>生成核实表…</source>
        <translation>Make verification sheet…</translation>
    </message>
    <message>
        <source>把一个村的待核实问题写成 Excel 核实表，发给村里填写</source>
        <translation>Write a village&apos;s findings to verify into an Excel verification sheet for the village to fill in</translation>
    </message>
    <message>
        <source>导入核实表…</source>
        <translation>Import verification sheet…</translation>
    </message>
    <message>
        <source>读回村里填好的核实表，按核实结果确认或排除</source>
        <translation>Read back a verification sheet filled in by a village and confirm or dismiss by its results</translation>
    </message>
    <message>
        <source>这条规则还不能运行（所需数据或功能尚未上线）</source>
        <translation>This rule cannot run yet (the data or feature it needs is not available yet)</translation>
    </message>
    <message>
        <source>尚未运行自查</source>
        <translation>Self-check not run yet</translation>
    </message>
    <message>
        <source>上次运行：{0}</source>
        <translation>Last run: {0}</translation>
    </message>
    <message>
        <source>没有勾选可以运行的规则。</source>
        <translation>No rule that can run is ticked.</translation>
    </message>
    <message>
        <source>已取消：本次自查的结果没有保存，原有结果不变。</source>
        <translation>Cancelled: the results of this self-check were not saved; the earlier results are unchanged.</translation>
    </message>
    <message>
        <source>正在运行自查…</source>
        <translation>Running the self-check…</translation>
    </message>
    <message>
        <source>共 {0} 条</source>
        <translation>{0} findings</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#8a6d3b&apos;&gt;没有符合条件的问题。请把筛选改回“全部”。&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#8a6d3b&apos;&gt;No findings match. Set the filters back to “All”.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#8a6d3b&apos;&gt;还没有运行自查。请先导入花名册和名单，再点“运行全部规则”。&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#8a6d3b&apos;&gt;The self-check has not been run yet. Import the rosters and lists first, then click “Run all rules”.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>选择村里填好的核实表</source>
        <translation>Choose a verification sheet filled in by a village</translation>
    </message>
    <message>
        <source>核实表已导入</source>
        <translation>Verification sheet imported</translation>
    </message>
</context>
<context>
    <name>ChoiceCombos</name>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>ComplaintForm</name>
    <message>
        <source>修改举报 {0}</source>
        <translation>Edit complaint {0}</translation>
    </message>
    <message>
        <source>登记举报</source>
        <translation>Register complaint</translation>
    </message>
    <message>
        <source>匿名举报（不记录举报人）</source>
        <translation>Anonymous complaint (complainant not recorded)</translation>
    </message>
    <message>
        <source>姓名（身份证号），多人用顿号分开</source>
        <translation>Name (ID number); separate several persons with commas</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>如 2019-08-31</source>
        <translation>e.g. 2019-08-31</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Handling deadline</translation>
    </message>
    <message>
        <source>问题编号，如 WT2019-0001；清空即取消关联</source>
        <translation>Problem number, e.g. WT2019-0001; clear it to remove the link</translation>
    </message>
    <message>
        <source>关联问题</source>
        <translation>Linked problem</translation>
    </message>
    <message>
        <source>举报人身份仅纪检人员可见</source>
        <translation>Only discipline inspectors may see who the complainant is</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Register</translation>
    </message>
</context>
<context>
    <name>ComplaintsModel</name>
    <message>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <source>仅纪检人员可见</source>
        <translation>Discipline inspectors only</translation>
    </message>
    <message>
        <source>·逾期</source>
        <translation> · overdue</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>举报人</source>
        <translation>Complainant</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>关联问题</source>
        <translation>Linked problem</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>全部渠道</source>
        <translation>All channels</translation>
    </message>
    <message>
        <source>登记举报…</source>
        <translation>Register complaint…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>填写办理情况、办理结果，关联问题</source>
        <translation>Fill in handling and result, link a problem</translation>
    </message>
    <message>
        <source>登记为问题…</source>
        <translation>Register as problem…</translation>
    </message>
    <message>
        <source>把这条举报反映的问题登记到问题台账，并与举报关联</source>
        <translation>Register the problem this complaint reports in the problem ledger, linked to the complaint</translation>
    </message>
    <message>
        <source>共 {0} 条，未办结 {1} 条，逾期 {2} 条</source>
        <translation>{0} in all, {1} not concluded, {2} overdue</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#777&apos;&gt;选中一条举报，查看内容、办理情况和处理记录。举报人身份只有纪检人员可见。&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#777&apos;&gt;Select a complaint to see its content, handling and history. Only discipline inspectors may see who the complainant is.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>已关联问题 {0}</source>
        <translation>Linked to problem {0}</translation>
    </message>
    <message>
        <source>已登记为问题 {0}，并与举报 {1} 关联。</source>
        <translation>Registered as problem {0}, linked to complaint {1}.</translation>
    </message>
    <message>
        <source>{0} {1}：请写明理由。</source>
        <translation>{0} {1}: please give the reason.</translation>
    </message>
    <message>
        <source>、</source>
        <comment>separator of a list</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>{0} 已添加佐证材料：{1}</source>
        <translation>{0}: evidence added: {1}</translation>
    </message>
</context>
<context>
    <name>ConfirmStandardsDialog</name>
    <message>
        <source>确认补贴标准</source>
        <translation>Confirm subsidy standards</translation>
    </message>
    <message>
        <source>导入的文件里有以下补贴标准，项目目录中还没有。勾选正确的标准，确认后列入项目目录，自查“超标准发放”以它为准。</source>
        <translation>The imported file has these subsidy standards, which the program catalogue does not have yet. Tick the correct ones: once confirmed they are added to the catalogue, and the self-check rule “Paid above standard” uses them.</translation>
    </message>
    <message>
        <source>补贴项目</source>
        <translation>Subsidy program</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>标准（元）</source>
        <translation>Standard (yuan)</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <source>确认勾选的标准</source>
        <translation>Confirm ticked standards</translation>
    </message>
    <message>
        <source>驳回勾选的（不是标准）</source>
        <translation>Reject ticked (not standards)</translation>
    </message>
    <message>
        <source>没有勾选任何标准。</source>
        <translation>No standard is ticked.</translation>
    </message>
</context>
<context>
    <name>CorrectPaymentDialog</name>
    <message>
        <source>更正发放记录</source>
        <translation>Correct payment record</translation>
    </message>
    <message>
        <source>必填：为什么更正，依据什么</source>
        <translation>Required: why it is corrected, and on what basis</translation>
    </message>
    <message>
        <source>实发金额（元）：</source>
        <translation>Amount paid (yuan):</translation>
    </message>
    <message>
        <source>应发金额（元）：</source>
        <translation>Amount due (yuan):</translation>
    </message>
    <message>
        <source>发放日期：</source>
        <translation>Payment date:</translation>
    </message>
    <message>
        <source>备注：</source>
        <translation>Remarks:</translation>
    </message>
    <message>
        <source>更正原因：</source>
        <translation>Reason for correction:</translation>
    </message>
</context>
<context>
    <name>CoveragePanel</name>
    <message>
        <source>只看未公示完整的</source>
        <translation>Only those not fully on notice</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>双击一行，用它的村、项目和期间填写上面的“制作公示”</source>
        <translation>Double-click a row to fill &quot;Make notice&quot; above with its village, program and period</translation>
    </message>
    <message>
        <source>范围：{0}</source>
        <translation>Scope: {0}</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>补贴对象（人）</source>
        <extracomment>The monthly report line from the 20th until it is sent, and when it is late (SPEC §7: due the 25th).</extracomment>
        <translation>Persons receiving subsidies</translation>
    </message>
    <message>
        <source>发放记录（笔）</source>
        <translation>Payment records</translation>
    </message>
    <message>
        <source>在发项目 / 目录项目</source>
        <translation>Programs paid / in catalogue</translation>
    </message>
    <message>
        <source>银行账户（张）</source>
        <translation>Bank accounts</translation>
    </message>
    <message>
        <source>代理银行（家）</source>
        <translation>Agent banks</translation>
    </message>
    <message>
        <source>问题台账：留号 / 逾期（个）</source>
        <translation>Problem ledger: kept open / overdue</translation>
    </message>
    <message>
        <source>&lt;b&gt;各年度发放情况&lt;/b&gt;</source>
        <translation>&lt;b&gt;Payments per year&lt;/b&gt;</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>笔数</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>实发金额（元）</source>
        <translation>Amount paid (yuan)</translation>
    </message>
    <message>
        <source>{0}（{1}—{2}）</source>
        <translation>{0} ({1} – {2})</translation>
    </message>
    <message>
        <source>MM月dd日</source>
        <translation>MMM d</translation>
    </message>
    <message>
        <source>尚未开始（{0}自{1}起）</source>
        <translation>Not started yet ({0} from {1})</translation>
    </message>
    <message>
        <source>yyyy年MM月dd日</source>
        <translation>MMM d, yyyy</translation>
    </message>
    <message>
        <source>专项整治阶段已结束，整改和销号继续</source>
        <translation>The campaign&apos;s phases are over; rectification and closing go on</translation>
    </message>
    <message>
        <source>阶段间隙</source>
        <translation>Between phases</translation>
    </message>
    <message>
        <source>月报报送（每月{0}日前）</source>
        <translation>Monthly report (due by day {0} of each month)</translation>
    </message>
    <message>
        <source>{0}结束</source>
        <translation>End of {0}</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>今天 {0}，当前阶段：{1}</source>
        <translation>Today {0}, current phase: {1}</translation>
    </message>
    <message>
        <source>下一个期限：{0}&#x3000;{1}（还有 {2} 天）</source>
        <translation>Next deadline: {0}, {1} ({2} days left)</translation>
    </message>
    <message>
        <source>{0}年</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>yyyy年M月</source>
        <translation>MMMM yyyy</translation>
    </message>
    <message>
        <source>{0}月报：{1}</source>
        <translation>Monthly report of {0}: {1}</translation>
    </message>
    <message>
        <source>{0}月报：{1}，{2}前报送</source>
        <translation>Monthly report of {0}: {1}, submit by {2}</translation>
    </message>
    <message>
        <source>M月d日</source>
        <translation>MMMM d</translation>
    </message>
    <message>
        <source>（已逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>（请尽快签名报送）</source>
        <translation> (please sign and submit soon)</translation>
    </message>
</context>
<context>
    <name>DecideDialog</name>
    <message>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>排除</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>{0}问题</source>
        <translation>{0} findings</translation>
    </message>
    <message>
        <source>把选中的 {0} 条问题标为“{1}”。</source>
        <translation>Mark the {0} selected findings as “{1}”.</translation>
    </message>
    <message>
        <source>必填：核实情况，为什么不是问题（记入审计日志）</source>
        <translation>Required: what was verified, and why it is not a problem (kept in the audit log)</translation>
    </message>
    <message>
        <source>排除理由：</source>
        <translation>Reason for dismissing:</translation>
    </message>
    <message>
        <source>选填：核实情况、依据（记入审计日志）</source>
        <translation>Optional: what was verified, and on what basis (kept in the audit log)</translation>
    </message>
    <message>
        <source>核实情况：</source>
        <translation>Verification:</translation>
    </message>
    <message>
        <source>排除问题必须写明理由：核实了什么，为什么不是问题。</source>
        <translation>Dismissing a finding needs a reason: what was verified, and why it is not a problem.</translation>
    </message>
</context>
<context>
    <name>EditPersonDialog</name>
    <message>
        <source>编辑人员</source>
        <extracomment>Form title → the key person_for_edit gives it under.</extracomment>
        <translation>Edit person</translation>
    </message>
    <message>
        <source>（校验不通过）</source>
        <translation> (check digit wrong)</translation>
    </message>
    <message>
        <source>身份证号：</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <source>身份证号是人员的标识，不能修改；录错了请作废此人后重新录入。</source>
        <translation>The ID number identifies the person and cannot be changed; if it was entered wrongly, void this person and enter them again.</translation>
    </message>
    <message>
        <source>更正原因：</source>
        <translation>Reason for correction:</translation>
    </message>
</context>
<context>
    <name>Evidence</name>
    <message>
        <source>佐证材料（照片、扫描件、PDF、OFD）</source>
        <translation>Evidence (photos, scans, PDF, OFD)</translation>
    </message>
    <message>
        <source>选择佐证材料</source>
        <translation>Choose evidence</translation>
    </message>
    <message>
        <source>佐证材料</source>
        <translation>evidence</translation>
    </message>
    <message>
        <source>添加佐证材料…</source>
        <translation>Add evidence…</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>用本机的看图或 PDF 程序打开选中的佐证材料（只读副本）</source>
        <translation>Open the selected evidence in this computer&apos;s image or PDF viewer (a read-only copy)</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <source>（尚无受信任的单位）</source>
        <translation>(no trusted office yet)</translation>
    </message>
    <message>
        <source>当前用户不能导入导出数据包：需要录入或管理员角色。</source>
        <translation>The current user cannot import or export packages: the clerk or administrator role is needed.</translation>
    </message>
    <message>
        <source>密钥口令</source>
        <translation>Key passphrase</translation>
    </message>
    <message>
        <source>{0}要用本单位的密钥，请输入密钥口令：</source>
        <translation>{0} uses this office&apos;s keys. Enter the key passphrase:</translation>
    </message>
    <message>
        <source>导出数据包</source>
        <translation>Export package</translation>
    </message>
    <message>
        <source>数据包 (*.ykt);;所有文件 (*)</source>
        <translation>Packages (*.ykt);;All files (*)</translation>
    </message>
    <message>
        <source>全部数据</source>
        <extracomment>Why the database is backed up before packages are merged (the backup list shows it). What one file came to: the result, or the refusal in Chinese.</extracomment>
        <translation>All data</translation>
    </message>
    <message>
        <source>不勾选：只导出上次发给该单位之后的变化；勾选：导出本单位的全部数据</source>
        <translation>Unticked: only what changed since the last package to this office; ticked: all of this office&apos;s data</translation>
    </message>
    <message>
        <source>导出数据包…</source>
        <translation>Export package…</translation>
    </message>
    <message>
        <source>写出加密、签名的 .ykt 数据包（需要密钥口令），用U盘等交给对方</source>
        <translation>Write an encrypted, signed .ykt package (needs the key passphrase) to hand over on a USB stick or the like</translation>
    </message>
    <message>
        <source>数据包只发给直接上级或直接下级，且对方须已受信任。</source>
        <translation>Packages go only to the office directly above or directly below, and that office must be trusted.</translation>
    </message>
    <message>
        <source>发给：</source>
        <translation>To:</translation>
    </message>
    <message>
        <source>导入数据包…</source>
        <translation>Import packages…</translation>
    </message>
    <message>
        <source>选择一个或多个 .ykt 数据包：先预览，确认后才导入</source>
        <translation>Choose one or more .ykt packages: previewed first, imported only once confirmed</translation>
    </message>
    <message>
        <source>确认导入</source>
        <translation>Confirm import</translation>
    </message>
    <message>
        <source>导入预览过、未被拒收的数据包（导入前自动备份数据库）</source>
        <translation>Import the previewed packages that were not refused (the database is backed up first)</translation>
    </message>
    <message>
        <source>清除列表</source>
        <translation>Clear list</translation>
    </message>
    <message>
        <source>导入数据包（可把 .ykt 文件拖到本页）</source>
        <translation>Import packages (.ykt files may be dropped on this page)</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>{0}至{1}-{2}</source>
        <translation>{0} to {1}-{2}</translation>
    </message>
    <message>
        <source>无法写入 {0}：{1}</source>
        <translation>Cannot write {0}: {1}</translation>
    </message>
    <message>
        <source>正在导出数据包……</source>
        <translation>Exporting the package…</translation>
    </message>
    <message>
        <source>选择数据包</source>
        <translation>Choose packages</translation>
    </message>
    <message>
        <source>只能导入本机上的 .ykt 数据包：{0}</source>
        <translation>Only .ykt packages on this computer can be imported: {0}</translation>
    </message>
    <message>
        <source>、</source>
        <comment>separator of a list</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>打开数据包</source>
        <translation>Opening the packages</translation>
    </message>
    <message>
        <source>未预览：</source>
        <translation>Not previewed: </translation>
    </message>
    <message>
        <source>已预览 {0} 个文件（未导入）：{1} 个可导入</source>
        <translation>Previewed {0} files (not imported): {1} can be imported</translation>
    </message>
    <message>
        <source>，{0} 个被拒收</source>
        <translation>, {0} refused</translation>
    </message>
    <message>
        <source>。请查看后点“确认导入”。</source>
        <translation>. Check them, then click &quot;Confirm import&quot;.</translation>
    </message>
    <message>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <source>正在预览 {0} 个数据包……</source>
        <translation>Previewing {0} packages…</translation>
    </message>
    <message>
        <source>未导入：</source>
        <translation>Not imported: </translation>
    </message>
    <message>
        <source>已导入 {0} 个数据包</source>
        <translation>Imported {0} packages</translation>
    </message>
    <message>
        <source>，{0} 个被拒收（没有任何改动）</source>
        <translation>, {0} refused (nothing changed)</translation>
    </message>
    <message>
        <source>。建议到“自查”页重新运行检查。</source>
        <translation>. Running the checks again on the &quot;Self-check&quot; page is advised.</translation>
    </message>
    <message>
        <source>正在导入 {0} 个数据包……</source>
        <translation>Importing {0} packages…</translation>
    </message>
</context>
<context>
    <name>FindingDetail</name>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>发放</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>名单</source>
        <translation>List</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>拨付</source>
        <translation>Allocation</translation>
    </message>
    <message>
        <source>回盘</source>
        <translation>Bank return</translation>
    </message>
    <message>
        <source>&lt;h3&gt;{0}（{1}）&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;{0} ({1})&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;风险：{0}&#x3000;状态：&lt;b&gt;{1}&lt;/b&gt;&#x3000;金额：{2} 元&lt;br&gt;编号：{3}&#x3000;{4}&lt;/p&gt;</source>
        <translation>&lt;p&gt;Risk: {0}&amp;emsp;Status: &lt;b&gt;{1}&lt;/b&gt;&amp;emsp;Amount: {2} yuan&lt;br&gt;No.: {3}&amp;emsp;{4}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;说明&lt;/b&gt;&lt;br&gt;{0}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Explanation&lt;/b&gt;&lt;br&gt;{0}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;依据&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Evidence&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;已挂号为问题 &lt;b&gt;{0}&lt;/b&gt;（见问题台账）&lt;/p&gt;</source>
        <translation>&lt;p&gt;Registered as problem &lt;b&gt;{0}&lt;/b&gt; (see the problem ledger)&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;{0}：{1}{2}&lt;/li&gt;</source>
        <translation>&lt;li&gt;{0}: {1}{2}&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;……另有 {0} 条&lt;/li&gt;</source>
        <translation>&lt;li&gt;… and {0} more&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;处理记录&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;History&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;{0}（重新自查时数据已不再符合规则）&lt;/li&gt;</source>
        <translation>&lt;li&gt;{0} (when the self-check ran again, the data no longer matched the rule)&lt;/li&gt;</translation>
    </message>
    <message>
        <source>自查发现</source>
        <translation>found by the self-check</translation>
    </message>
    <message>
        <source>：{0}</source>
        <translation>: {0}</translation>
    </message>
    <message>
        <source>&lt;li&gt;{0}&lt;b&gt;{1}&lt;/b&gt;（{2}）{3}&lt;/li&gt;</source>
        <translation>&lt;li&gt;{0}&lt;b&gt;{1}&lt;/b&gt; ({2}){3}&lt;/li&gt;</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>编号</source>
        <extracomment>Titles marked for lupdate (QT_TRANSLATE_NOOP gives `object` to mypy; str() where translated).</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>风险</source>
        <translation>Risk</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>补贴项目</source>
        <translation>Subsidy program</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>村(社区)/单位</source>
        <translation>Village (community) / office</translation>
    </message>
    <message>
        <source>金额(元)</source>
        <translation>Amount (yuan)</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>创建管理员</source>
        <translation>Create administrator</translation>
    </message>
    <message>
        <source>本数据库还没有用户，现在以操作系统用户“{0}”的单用户模式运行，所有操作都记在这个名字下。几个人共用时，请创建第一个管理员：以后打开时要登录，管理员再为录入、审核、查看和纪检人员添加用户。</source>
        <translation>This database has no users yet: it runs in single-user mode as the system user “{0}”, and every action is recorded under that name. When several people share it, create the first administrator: from then on a login is asked for at start, and the administrator adds users for the clerks, reviewers, viewers and discipline inspectors.</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>密码（至少 8 个字符）</source>
        <translation>Password (at least 8 characters)</translation>
    </message>
    <message>
        <source>再输入一次密码</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>一个人使用，以后不再提示（仍可用 ykt user add 创建用户）</source>
        <translation>Used by one person: don&apos;t ask again (users can still be created with ykt user add)</translation>
    </message>
    <message>
        <source>创建并登录</source>
        <translation>Create and log in</translation>
    </message>
    <message>
        <source>以后再说</source>
        <translation>Not now</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>password</translation>
    </message>
</context>
<context>
    <name>HotlineBox</name>
    <message>
        <source>监督举报电话（印在公示表上，只填办公电话）</source>
        <translation>Complaint hotlines (printed on notices; office numbers only)</translation>
    </message>
    <message>
        <source>如 0994-4501234</source>
        <translation>e.g. 0994-4501234</translation>
    </message>
    <message>
        <source>如 0994-4512345</source>
        <translation>e.g. 0994-4512345</translation>
    </message>
    <message>
        <source>本单位：</source>
        <translation>This office:</translation>
    </message>
    <message>
        <source>县（市）级：</source>
        <translation>County (city):</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Excel 或 CSV (*.xlsx *.xlsm *.xls *.csv);;所有文件 (*)</source>
        <translation>Excel or CSV (*.xlsx *.xlsm *.xls *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>尚未选择文件（可把文件拖到这里）</source>
        <extracomment>What the kind combo offers: the roster, then every list of SPEC §5 (shown through term()).</extracomment>
        <translation>No file chosen yet (you can drag a file here)</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>（按文件中的事由或文件名）</source>
        <translation>(by the reason in the file or its file name)</translation>
    </message>
    <message>
        <source>事由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>（文件中有“补贴项目”列）</source>
        <translation>(the file has a “Subsidy program” column)</translation>
    </message>
    <message>
        <source>补贴期间，如 2018、2018-03（文件中有期间或年度列时不填）</source>
        <translation>Subsidy period, e.g. 2018, 2018-03 (leave empty when the file has a period or year column)</translation>
    </message>
    <message>
        <source>检查（不保存）</source>
        <translation>Check (do not save)</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>文件类型：</source>
        <translation>File type:</translation>
    </message>
    <message>
        <source>补贴项目：</source>
        <translation>Subsidy program:</translation>
    </message>
    <message>
        <source>期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>确认对应关系</source>
        <translation>Confirm mapping</translation>
    </message>
    <message>
        <source>预览与各列对应（改正后请确认，同一部门同样表头的文件下次自动沿用）</source>
        <translation>Preview and column mapping (confirm after correcting it; files of the same department with the same header use it automatically next time)</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>保存被拒绝的行…</source>
        <translation>Save rejected rows…</translation>
    </message>
    <message>
        <source>检查结果</source>
        <translation>Check results</translation>
    </message>
    <message>
        <source>确认标准…</source>
        <translation>Confirm standards…</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>导入时间</source>
        <translation>Imported at</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>接受</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>文件指纹(SHA-256)</source>
        <translation>File fingerprint (SHA-256)</translation>
    </message>
    <message>
        <source>作废所选批次…</source>
        <translation>Void selected batch…</translation>
    </message>
    <message>
        <source>导入记录</source>
        <translation>Imports</translation>
    </message>
    <message>
        <source>请一次拖入一个本机上的文件（.xlsx、.xls、.csv）。</source>
        <translation>Drag in one file on this computer at a time (.xlsx, .xls, .csv).</translation>
    </message>
    <message>
        <source>“{0}”不是 Excel 或 CSV 文件，无法导入：只能导入 .xlsx、.xlsm、.xls、.csv 文件。</source>
        <translation>“{0}” is not an Excel or CSV file and cannot be imported: only .xlsx, .xlsm, .xls and .csv files can.</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>无法预览：</source>
        <translation>Cannot preview: </translation>
    </message>
    <message>
        <source>、</source>
        <comment>list separator</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>按所选项目</source>
        <translation>by the chosen program</translation>
    </message>
    <message>
        <source>按文件中的补贴项目</source>
        <translation>by the subsidy program in the file</translation>
    </message>
    <message>
        <source>部门：{0}（{1}识别）</source>
        <translation>Department: {0} (recognised {1})</translation>
    </message>
    <message>
        <source>部门：未识别（对应关系按表头记住）</source>
        <translation>Department: not recognised (the mapping is remembered by header)</translation>
    </message>
    <message>
        <source>工作表“{0}”</source>
        <translation>Sheet “{0}”</translation>
    </message>
    <message>
        <source>：没有找到表头</source>
        <translation>: no header found</translation>
    </message>
    <message>
        <source>：缺少</source>
        <translation>: missing </translation>
    </message>
    <message>
        <source>黄色的列按记住的对应</source>
        <translation>yellow columns follow a remembered mapping</translation>
    </message>
    <message>
        <source>这个文件已经导入过</source>
        <translation>this file was imported before</translation>
    </message>
    <message>
        <source>；</source>
        <comment>separator of sentences</comment>
        <translation>; </translation>
    </message>
    <message>
        <source>对应关系已改动：请点“确认对应关系”，再检查或导入。</source>
        <translation>The mapping was changed: click “Confirm mapping”, then check or import.</translation>
    </message>
    <message>
        <source>选择{0}</source>
        <translation>Choose {0}</translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>已取消，未保存任何数据。</source>
        <translation>Cancelled; nothing was saved.</translation>
    </message>
    <message>
        <source>未导入：</source>
        <translation>Not imported: </translation>
    </message>
    <message>
        <source>这个文件已经导入过（内容完全相同），没有任何改动。</source>
        <translation>This file was imported before (identical content); nothing was changed.</translation>
    </message>
    <message>
        <source>工作表“{0}”：</source>
        <translation>Sheet “{0}”: </translation>
    </message>
    <message>
        <source>，</source>
        <comment>separator of phrases</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>（只检查，未保存）</source>
        <translation> (check only, nothing saved)</translation>
    </message>
    <message>
        <source>（已保存）</source>
        <translation> (saved)</translation>
    </message>
    <message>
        <source>共 {0} 行：接受 {1} 行（其中 {2} 行有提示），拒绝 {3} 行；新增 {4} 笔，更新 {5} 笔；金额合计 {6} 元{7}</source>
        <translation>{0} rows: {1} accepted ({2} with warnings), {3} rejected; {4} payments added, {5} updated; total {6} yuan{7}</translation>
    </message>
    <message>
        <source>共 {0} 行：接受 {1} 行（其中 {2} 行有提示），拒绝 {3} 行；新增 {4} 条，更新 {5} 条；新登记人员 {6} 人{7}</source>
        <translation>{0} rows: {1} accepted ({2} with warnings), {3} rejected; {4} records added, {5} updated; {6} new persons registered{7}</translation>
    </message>
    <message>
        <source>
回盘 {0} 笔已对应到发放记录，{1} 笔没有找到。</source>
        <translation>
{0} bank return lines matched to payment records, {1} not found.</translation>
    </message>
    <message>
        <source>按原因：</source>
        <translation>By reason: </translation>
    </message>
    <message>
        <source>
文件中有 {0} 个补贴标准不在项目目录中{1}</source>
        <translation>
The file has {0} subsidy standards that are not in the program catalogue{1}</translation>
    </message>
    <message>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <source>，请点“确认标准…”。</source>
        <translation>; click “Confirm standards…”.</translation>
    </message>
    <message>
        <source>&#x3000;已确认 {0} 个补贴标准，列入项目目录。</source>
        <translation> {0} subsidy standards confirmed and added to the program catalogue.</translation>
    </message>
    <message>
        <source>保存被拒绝的行</source>
        <translation>Save rejected rows</translation>
    </message>
    <message>
        <source>被拒绝的行</source>
        <translation>Rejected rows</translation>
    </message>
    <message>
        <source>&#x3000;被拒绝的行已保存到 {0}</source>
        <translation> Rejected rows saved to {0}</translation>
    </message>
    <message>
        <source>已作废</source>
        <translation>Voided</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>手工录入</source>
        <translation>Manual entry</translation>
    </message>
    <message>
        <source>已作废所选批次：{0} 条记录作废（原记录保留在历史中）。</source>
        <translation>Selected batch voided: {0} records voided (the originals stay in the history).</translation>
    </message>
</context>
<context>
    <name>ImportResults</name>
    <message>
        <source>单位</source>
        <extracomment>What each kind of record a package carries is called on the page.</extracomment>
        <translation>Offices</translation>
    </message>
    <message>
        <source>补贴项目</source>
        <translation>Subsidy programs</translation>
    </message>
    <message>
        <source>补贴标准</source>
        <translation>Standards</translation>
    </message>
    <message>
        <source>户</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Persons</translation>
    </message>
    <message>
        <source>银行账户</source>
        <translation>Bank accounts</translation>
    </message>
    <message>
        <source>导入批次</source>
        <translation>Import batches</translation>
    </message>
    <message>
        <source>发放记录</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>死亡/迁出/退出名单</source>
        <translation>Deceased/moved out/exited list</translation>
    </message>
    <message>
        <source>财政供养人员</source>
        <translation>State-paid staff</translation>
    </message>
    <message>
        <source>村干部及近亲属</source>
        <translation>Village cadres and close relatives</translation>
    </message>
    <message>
        <source>应享名单</source>
        <translation>Eligible list</translation>
    </message>
    <message>
        <source>资金拨付</source>
        <translation>Fund allocations</translation>
    </message>
    <message>
        <source>银行回盘</source>
        <translation>Bank payment returns</translation>
    </message>
    <message>
        <source>入户核查</source>
        <translation>Field checks</translation>
    </message>
    <message>
        <source>疑点</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>追回记录</source>
        <translation>Recoveries</translation>
    </message>
    <message>
        <source>举报</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>公示</source>
        <translation>Notices</translation>
    </message>
    <message>
        <source>佐证材料</source>
        <translation>Evidence files</translation>
    </message>
    <message>
        <source>自查表</source>
        <translation>Self-check forms</translation>
    </message>
    <message>
        <source>报告</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>密钥吊销</source>
        <translation>Key revocations</translation>
    </message>
    <message>
        <source>已拒收，未导入</source>
        <translation>Refused, not imported</translation>
    </message>
    <message>
        <source>正在预览…</source>
        <translation>Previewing…</translation>
    </message>
    <message>
        <source>已导入过，没有变化</source>
        <translation>Imported before, nothing changed</translation>
    </message>
    <message>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>预览完成，待确认导入</source>
        <translation>Previewed, waiting for &quot;Confirm import&quot;</translation>
    </message>
    <message>
        <source>文件</source>
        <extracomment>The selected file changed (its row, or -1).</extracomment>
        <translation>File</translation>
    </message>
    <message>
        <source>发送单位</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>把 .ykt 数据包拖到本页，或点“导入数据包…”：每个文件先预览（不保存），确认后才导入。</source>
        <translation>Drop .ykt packages on this page or click &quot;Import packages…&quot;: each file is previewed first (nothing saved) and imported only once confirmed.</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>未变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>较旧</source>
        <translation>Older</translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>第 {0} 轮第 {1} 个</source>
        <translation>Round {0}, package {1}</translation>
    </message>
    <message>
        <source>{0}：未导入，没有任何改动。
{1}</source>
        <translation>{0}: not imported, nothing changed.
{1}</translation>
    </message>
    <message>
        <source>正在预览 {0}……</source>
        <translation>Previewing {0}…</translation>
    </message>
    <message>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>冲突 {0} 处：</source>
        <translation>{0} conflicts:</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>留号（未销号）</source>
        <extracomment>The state filter: the four states (words of the domain, shown through term()), then 留号 and 逾期 (derived, never stored; shown through translate(&quot;LedgerPage&quot;, …)).</extracomment>
        <translation>Kept open (not closed)</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>全部状态</source>
        <extracomment>The documents printed for a problem: their titles are those of services.ledger_documents (shown through term()).</extracomment>
        <translation>All states</translation>
    </message>
    <message>
        <source>全部整治内容</source>
        <translation>All campaign items</translation>
    </message>
    <message>
        <source>全部项目</source>
        <translation>All programs</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All offices</translation>
    </message>
    <message>
        <source>登记问题…</source>
        <translation>Register problem…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>线索移交…</source>
        <translation>Transfer lead…</translation>
    </message>
    <message>
        <source>追回资金…</source>
        <translation>Recover funds…</translation>
    </message>
    <message>
        <source>导出台账…</source>
        <translation>Export ledger…</translation>
    </message>
    <message>
        <source>把表中列出的问题（按当前筛选）写成 Excel 台账</source>
        <translation>Write the problems listed in the table (as filtered now) as an Excel ledger</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>{0}…</source>
        <translation>{0}…</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#777&apos;&gt;选中一个问题，查看全部信息、追回专账、佐证材料和处理记录。自查发现的疑点可在“自查”页选中后点“登记为问题…”。&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#777&apos;&gt;Select a problem to see all its details, the recovery account, evidence and history. Findings of the self-check are registered from the &quot;Self-check&quot; page: select them and click &quot;Register as problem…&quot;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>已销号的问题不能修改；如需重新整改，请先“回头看”。</source>
        <translation>A closed problem cannot be edited; to rectify it again, take &quot;Follow-up review&quot; first.</translation>
    </message>
    <message>
        <source>{0} {1}：请写明{2}的理由。</source>
        <translation>{0} {1}: please give the reason for &quot;{2}&quot;.</translation>
    </message>
    <message>
        <source>、</source>
        <comment>separator of a list</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>{0} 已添加佐证材料：{1}</source>
        <translation>{0}: evidence added: {1}</translation>
    </message>
    <message>
        <source>问题台账_{0}.xlsx</source>
        <translation>Problem ledger_{0}.xlsx</translation>
    </message>
    <message>
        <source>导出问题台账</source>
        <translation>Export problem ledger</translation>
    </message>
    <message>
        <source>保存{0}</source>
        <translation>Save {0}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>{0}：请输入用户名和密码。</source>
        <translation>{0}: type your user name and password.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>惠民财政补贴资金“一卡通”专项整治 — {0}</source>
        <extracomment>The daily backup is looked at this long after the window opens (not slowing the start), then every hour while it stays open (a PC left on overnight backs up the next day too).</extracomment>
        <translation>Special campaign on the “One Card” for subsidy funds — {0}</translation>
    </message>
    <message>
        <source>使用说明</source>
        <translation>User guide</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>本页的使用说明（F1）、版本和许可</source>
        <translation>This page&apos;s user guide (F1), version and licences</translation>
    </message>
    <message>
        <source>每日自动备份失败：{0}</source>
        <translation>The daily automatic backup failed: {0}</translation>
    </message>
    <message>
        <source>已自动备份：{0}</source>
        <translation>Backed up automatically: {0}</translation>
    </message>
    <message>
        <source>当前用户：{0}（单用户模式）</source>
        <translation>Current user: {0} (single-user mode)</translation>
    </message>
    <message>
        <source>当前用户：{0}（{1}）</source>
        <translation>Current user: {0} ({1})</translation>
    </message>
</context>
<context>
    <name>ManualEntryDialog</name>
    <message>
        <source>18位，最后一位可以是X</source>
        <extracomment>The roster template&apos;s titles (data keys; shown through term() by RecordForm.add_field).</extracomment>
        <translation>18 characters; the last may be X</translation>
    </message>
    <message>
        <source>2018、2018-03 或 2018Q1</source>
        <translation>2018, 2018-03 or 2018Q1</translation>
    </message>
    <message>
        <source>元，如 1,234.50</source>
        <translation>yuan, e.g. 1,234.50</translation>
    </message>
    <message>
        <source>现金、银行卡 或 其他</source>
        <translation>cash, card or other</translation>
    </message>
    <message>
        <source>3 或 三组</source>
        <translation>3</translation>
    </message>
    <message>
        <source>手工录入</source>
        <translation>Manual entry</translation>
    </message>
    <message>
        <source>只录入人员（没有发放记录）</source>
        <translation>Enter a person only (no payment record)</translation>
    </message>
    <message>
        <source>补贴项目：</source>
        <translation>Subsidy program:</translation>
    </message>
    <message>
        <source>录入原因：</source>
        <translation>Reason for entry:</translation>
    </message>
</context>
<context>
    <name>MappingPreview</name>
    <message>
        <source>对应</source>
        <extracomment>A fix (remembered or chosen now) is tinted so the clerk sees what differs from detection.</extracomment>
        <translation>Maps to</translation>
    </message>
    <message>
        <source>表头“{0}”：{1}</source>
        <translation>Header “{0}”: {1}</translation>
    </message>
    <message>
        <source>未识别</source>
        <translation>not recognised</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>（无表头）</source>
        <translation> (no header)</translation>
    </message>
    <message>
        <source>不导入</source>
        <translation>Do not import</translation>
    </message>
</context>
<context>
    <name>MergeProgramDialog</name>
    <message>
        <source>并入目录中的项目</source>
        <translation>Merge into a catalogue program</translation>
    </message>
    <message>
        <source>把“{0} {1}”（{2} 笔发放）并入：</source>
        <translation>Merge “{0} {1}” ({2} payments) into:</translation>
    </message>
    <message>
        <source>目录中的项目：</source>
        <translation>Catalogue program:</translation>
    </message>
    <message>
        <source>它的发放记录改为所选项目（原记录保留在历史中），名称加为简称，以后导入自动对应。</source>
        <translation>Its payment records move to the chosen program (the originals stay in the history); its name becomes an alias, so later imports map to it automatically.</translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>并入</source>
        <translation>Merge</translation>
    </message>
</context>
<context>
    <name>MoveButtons</name>
    <message>
        <source>请先在表中选中一条记录。</source>
        <translation>Select a record in the table first.</translation>
    </message>
</context>
<context>
    <name>NoticeForm</name>
    <message>
        <source>制作公示</source>
        <translation>Make notice</translation>
    </message>
    <message>
        <source>如 2018</source>
        <translation>e.g. 2018</translation>
    </message>
    <message>
        <source>年度 2018，季度 2018Q2，月份 2018-05</source>
        <translation>year 2018, quarter 2018Q2, month 2018-05</translation>
    </message>
    <message>
        <source>公示开始日期；可以是过去的日期（为已发放的补贴补做公示）</source>
        <translation>First day of the notice; may be in the past (a late notice for subsidies already paid)</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>公示期不少于 {0} 天</source>
        <translation>The notice period is at least {0} days</translation>
    </message>
    <message>
        <source>制表人</source>
        <translation>Prepared by</translation>
    </message>
    <message>
        <source>审核人</source>
        <translation>Reviewed by</translation>
    </message>
    <message>
        <source>空着则留签字横线</source>
        <translation>Blank: a line to sign on</translation>
    </message>
    <message>
        <source>{0}：不填时公示上留一条横线，打印后手签</source>
        <translation>{0}: when blank the notice has a line, signed by hand once printed</translation>
    </message>
    <message>
        <source>横向打印（A4 横放，列宽更宽）</source>
        <translation>Landscape (A4 sideways, wider columns)</translation>
    </message>
    <message>
        <source>乡镇：</source>
        <translation>Township:</translation>
    </message>
    <message>
        <source>村（社区）：</source>
        <translation>Village (community):</translation>
    </message>
    <message>
        <source>补贴项目：</source>
        <translation>Subsidy programs:</translation>
    </message>
    <message>
        <source>期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>公示开始：</source>
        <translation>Notice from:</translation>
    </message>
    <message>
        <source>制表人：</source>
        <translation>Prepared by:</translation>
    </message>
    <message>
        <source>审核人：</source>
        <translation>Reviewed by:</translation>
    </message>
    <message>
        <source>至 {0}</source>
        <translation>to {0}</translation>
    </message>
</context>
<context>
    <name>NoticeList</name>
    <message>
        <source>只看所选村</source>
        <extracomment>A notice&apos;s statuses (Notice.status, compared in Chinese; shown through term()).</extracomment>
        <translation>Chosen village only</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>双击一份公示，在上面查看它打印出来的样子</source>
        <translation>Double-click a notice to see above how it prints</translation>
    </message>
    <message>
        <source>登记张贴…</source>
        <translation>Record posting…</translation>
    </message>
    <message>
        <source>登记公示张贴的日期、张贴人，可附现场照片</source>
        <translation>Record when and by whom the notice was posted, with a photo if any</translation>
    </message>
    <message>
        <source>登记异议…</source>
        <translation>Register objection…</translation>
    </message>
    <message>
        <source>公示期内收到的异议：登记为“公示异议”举报，在“举报”页跟进</source>
        <translation>An objection received during the notice period: registered as a complaint (objection to a notice), followed up on the &quot;Complaints&quot; page</translation>
    </message>
    <message>
        <source>重新打印/导出</source>
        <translation>Reprint/export</translation>
    </message>
    <message>
        <source>在上面预览</source>
        <translation>Preview above</translation>
    </message>
    <message>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>重印的公示与原来的完全一样：同一编号、同一指纹、同样的名单</source>
        <translation>A reprint is exactly the notice made: same number, same fingerprint, same list</translation>
    </message>
    <message>
        <source>核对…</source>
        <translation>Check…</translation>
    </message>
    <message>
        <source>输入纸面公示上的指纹，核对它与系统记录是否相符</source>
        <translation>Enter the fingerprint on a paper notice to check it against the records</translation>
    </message>
</context>
<context>
    <name>NoticeOutput</name>
    <message>
        <source>正在打印公示 {0}……</source>
        <translation>Printing notice {0}…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>NoticePreview</name>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>正在显示……</source>
        <translation>Showing…</translation>
    </message>
    <message>
        <source>第 {0} 页 / 共 {1} 页</source>
        <translation>Page {0} of {1}</translation>
    </message>
    <message>
        <source>显示比例（只影响屏幕显示，不影响打印）</source>
        <translation>Zoom (on screen only, printing is not affected)</translation>
    </message>
    <message>
        <source>显示：</source>
        <translation>Zoom:</translation>
    </message>
    <message>
        <source>选好村、补贴项目和期间后，点“预览”查看公示打印出来的样子。</source>
        <translation>Choose the village, subsidy programs and period, then click &quot;Preview&quot; to see how the notice prints.</translation>
    </message>
</context>
<context>
    <name>NoticesModel</name>
    <message>
        <source>、</source>
        <comment>separator of a list</comment>
        <extracomment>The value a column sorts by (a number, a date&apos;s ISO text or a name). Coverage that needs doing: highlighted, and first when sorted by status.</extracomment>
        <translation>, </translation>
    </message>
    <message>
        <source>{0}～{1}</source>
        <comment>a span of days</comment>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <source>编号</source>
        <extracomment>(title, shown text, sort value, right-aligned) per column of the notices table.</extracomment>
        <translation>Number</translation>
    </message>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>公示期</source>
        <translation>Notice period</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>金额(元)</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>张贴日期</source>
        <translation>Posted on</translation>
    </message>
    <message>
        <source>异议</source>
        <translation>Objections</translation>
    </message>
    <message>
        <source>补贴项目</source>
        <translation>Subsidy program</translation>
    </message>
    <message>
        <source>发放笔数</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>已列入公示</source>
        <translation>On a notice</translation>
    </message>
    <message>
        <source>已张贴</source>
        <translation>Posted</translation>
    </message>
    <message>
        <source>这些发放没有张贴公示（SPEC 整治内容 1.4）：请制作并张贴公示，登记张贴日期。</source>
        <translation>These payments had no notice posted (campaign item 1.4): make and post a notice, then record the posting date.</translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>按上面的选择生成公示的样子（不保存，没有编号）</source>
        <translation>Show the notice as chosen above (not saved, no number)</translation>
    </message>
    <message>
        <source>保存并导出PDF…</source>
        <translation>Save and export PDF…</translation>
    </message>
    <message>
        <source>保存公示（生成公示编号和指纹），并导出 PDF 用于打印张贴</source>
        <translation>Save the notice (giving it a number and a fingerprint) and export a PDF to print and post</translation>
    </message>
    <message>
        <source>导出Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>导出 Excel 版公示；尚未保存时先保存（生成编号）</source>
        <translation>Export the notice as Excel; saved first (numbered) if it is not yet</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>直接打印公示；尚未保存时先保存（生成编号）</source>
        <translation>Print the notice; saved first (numbered) if it is not yet</translation>
    </message>
    <message>
        <source>已制作的公示</source>
        <translation>Notices made</translation>
    </message>
    <message>
        <source>各村公示情况</source>
        <translation>Notices by village</translation>
    </message>
    <message>
        <source>当前用户（{0}）只能查看，不能保存公示、登记张贴或异议。</source>
        <translation>The current user ({0}) may only view: cannot save notices or record postings or objections.</translation>
    </message>
    <message>
        <source>所勾选的 {0} 个项目</source>
        <translation>the {0} programs ticked</translation>
    </message>
    <message>
        <source>全部项目</source>
        <translation>all programs</translation>
    </message>
    <message>
        <source>全部期间</source>
        <translation>all periods</translation>
    </message>
    <message>
        <source>选择已改变，下面还是原来的公示：请重新点“预览”。</source>
        <translation>The choices changed; below is still the earlier notice: click &quot;Preview&quot; again.</translation>
    </message>
    <message>
        <source>请先选择村（社区）。</source>
        <translation>Choose a village (community) first.</translation>
    </message>
    <message>
        <source>请勾选至少一个补贴项目。</source>
        <translation>Tick at least one subsidy program.</translation>
    </message>
    <message>
        <source>正在生成预览……</source>
        <translation>Making the preview…</translation>
    </message>
    <message>
        <source>无法生成预览。</source>
        <translation>Could not make the preview.</translation>
    </message>
    <message>
        <source>预览：保存后生成公示编号。共 {0} 行，合计 {1} 元</source>
        <translation>Preview: the notice number is given when saved. {0} rows, total {1} yuan</translation>
    </message>
    <message>
        <source>公示编号 {0}&#x3000;指纹 {1}&#x3000;共 {2} 行，合计 {3} 元</source>
        <translation>Notice {0} · fingerprint {1} · {2} rows, total {3} yuan</translation>
    </message>
    <message>
        <source>正在保存公示……</source>
        <translation>Saving the notice…</translation>
    </message>
    <message>
        <source>；</source>
        <comment>separator of phrases</comment>
        <translation>; </translation>
    </message>
    <message>
        <source>、</source>
        <comment>separator of a list</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>{0}{1}公示</source>
        <translation>{0} {1} notice</translation>
    </message>
    <message>
        <source>保存并导出公示</source>
        <translation>Save and export notice</translation>
    </message>
    <message>
        <source>导出 Excel 版公示</source>
        <translation>Export notice as Excel</translation>
    </message>
    <message>
        <source>打印机无法开始打印：请检查打印机是否连接、有没有纸，或换一台打印机。</source>
        <translation>The printer could not start: check that it is connected and has paper, or choose another printer.</translation>
    </message>
    <message>
        <source>公示 {0} 已送去打印（{1} 页，{2}）。</source>
        <translation>Notice {0} sent to the printer ({1} pages, {2}).</translation>
    </message>
    <message>
        <source>重新导出公示 {0}</source>
        <translation>Export notice {0} again</translation>
    </message>
    <message>
        <source>{0}{1}公示_{2}</source>
        <translation>{0} {1} notice_{2}</translation>
    </message>
    <message>
        <source>可在“举报”页跟进办理。</source>
        <translation> Follow it up on the &quot;Complaints&quot; page.</translation>
    </message>
</context>
<context>
    <name>ObjectionDialog</name>
    <message>
        <source>登记公示异议 {0}</source>
        <translation>Register objection to notice {0}</translation>
    </message>
    <message>
        <source>{0}
公示期 {1} 至 {2}：公示期内收到的异议在这里登记，会生成一条“公示异议”举报，在“举报”页跟进办理。</source>
        <translation>{0}
Notice period {1} to {2}: objections received during the notice period are registered here; each becomes a complaint (objection to a notice), followed up on the &quot;Complaints&quot; page.</translation>
    </message>
    <message>
        <source>公示上的序号或姓名，多人用顿号分开，如 3、7</source>
        <translation>Numbers or names as on the notice, separated by commas, e.g. 3, 7</translation>
    </message>
    <message>
        <source>双击一行，把它的序号加入“涉及人员”</source>
        <translation>Double-click a row to add its number to &quot;Persons involved&quot;</translation>
    </message>
    <message>
        <source>异议的内容：反映了什么问题</source>
        <translation>What the objection says: the problem reported</translation>
    </message>
    <message>
        <source>匿名（不记录异议人）</source>
        <translation>Anonymous (objector not recorded)</translation>
    </message>
    <message>
        <source>收到日期</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>涉及人员</source>
        <translation>Persons involved</translation>
    </message>
    <message>
        <source>公示名单</source>
        <translation>Notice list</translation>
    </message>
    <message>
        <source>异议内容</source>
        <translation>Objection</translation>
    </message>
    <message>
        <source>异议人</source>
        <translation>Objector</translation>
    </message>
    <message>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Register</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>花名册</source>
        <translation>Roster</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>自查</source>
        <translation>Self-check</translation>
    </message>
    <message>
        <source>问题台账</source>
        <translation>Problem ledger</translation>
    </message>
    <message>
        <source>举报</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>自查表</source>
        <translation>Self-check form</translation>
    </message>
    <message>
        <source>公示</source>
        <translation>Notices</translation>
    </message>
    <message>
        <source>月报</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <source>数据交换</source>
        <translation>Data exchange</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>PdfVerifyBox</name>
    <message>
        <source>&#x3000;&#x3000;证书指纹：{0}</source>
        <translation>    Certificate fingerprint: {0}</translation>
    </message>
    <message>
        <source>；</source>
        <comment>separator of phrases</comment>
        <translation>; </translation>
    </message>
    <message>
        <source>核验签名</source>
        <translation>Verify signatures</translation>
    </message>
    <message>
        <source>核验 PDF…</source>
        <translation>Verify PDF…</translation>
    </message>
    <message>
        <source>选择一个 PDF 文件，核验其中的数字签名（文件是否被改动、签名人是谁）</source>
        <translation>Choose a PDF file to verify its digital signatures (whether the file was changed, who signed it)</translation>
    </message>
    <message>
        <source>可以核验本单位或其他单位签名的 PDF：签名是否有效、签名后是否被改动。</source>
        <translation>Verify a PDF signed by this or another office: whether the signatures are valid and whether it changed after signing.</translation>
    </message>
    <message>
        <source>选择要核验的 PDF</source>
        <translation>Choose the PDF to verify</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;所有文件 (*)</source>
        <translation>PDF (*.pdf);;All files (*)</translation>
    </message>
    <message>
        <source>正在核验 {0}……</source>
        <translation>Verifying {0}…</translation>
    </message>
    <message>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>PeersBox</name>
    <message>
        <source>公钥文件 (*.json);;所有文件 (*)</source>
        <translation>Public key files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>签名密钥指纹</source>
        <translation>Signing key fingerprint</translation>
    </message>
    <message>
        <source>信任于</source>
        <translation>Trusted on</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>最近收到</source>
        <translation>Last received</translation>
    </message>
    <message>
        <source>最近发出</source>
        <translation>Last sent</translation>
    </message>
    <message>
        <source>缺少的数据包</source>
        <translation>Missing packages</translation>
    </message>
    <message>
        <source>第 {0} 轮第 {1} 个（{2}）</source>
        <translation>Round {0}, package {1} ({2})</translation>
    </message>
    <message>
        <source>受信任的单位</source>
        <extracomment>Emitted after a peer was trusted or revoked: the recipients to choose from changed.</extracomment>
        <translation>Trusted offices</translation>
    </message>
    <message>
        <source>导出本单位公钥…</source>
        <translation>Export this office&apos;s public key…</translation>
    </message>
    <message>
        <source>写出本单位的公钥文件，交给上级或下级（文件中没有任何秘密）</source>
        <translation>Write this office&apos;s public key file for the office above or below (the file holds no secret)</translation>
    </message>
    <message>
        <source>信任对方公钥…</source>
        <translation>Trust another office&apos;s key…</translation>
    </message>
    <message>
        <source>打开对方导出的公钥文件，核对指纹后信任：今后接收其数据包</source>
        <translation>Open the public key file another office exported and trust it once the fingerprint is checked: its packages are accepted from then on</translation>
    </message>
    <message>
        <source>吊销…</source>
        <translation>Revoke…</translation>
    </message>
    <message>
        <source>吊销选中单位的密钥：今后拒收其数据包（吊销记录随数据包下发）</source>
        <translation>Revoke the selected office&apos;s keys: its packages are refused from then on (the revocation travels down with packages)</translation>
    </message>
    <message>
        <source>本单位签名密钥指纹：</source>
        <translation>This office&apos;s signing key fingerprint:</translation>
    </message>
    <message>
        <source>当前用户不能管理密钥：需要管理员角色。</source>
        <translation>The current user cannot manage keys: the administrator role is needed.</translation>
    </message>
    <message>
        <source>{0}（{1}）：把公钥文件交给对方时，当面或电话告知这个指纹。</source>
        <translation>{0} ({1}): when handing over the public key file, tell the other office this fingerprint in person or by phone.</translation>
    </message>
    <message>
        <source>已吊销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>受信任</source>
        <translation>Trusted</translation>
    </message>
    <message>
        <source>、</source>
        <comment>separator of a list</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>第 {0} 个</source>
        <translation>No. {0}</translation>
    </message>
    <message>
        <source>{0} 由 {1} 吊销：{2}</source>
        <translation>Revoked on {0} by {1}: {2}</translation>
    </message>
    <message>
        <source>未写原因</source>
        <translation>no reason given</translation>
    </message>
    <message>
        <source>还没有收到 {0} 的这些数据包：请对方补发。</source>
        <translation>These packages from {0} have not arrived: ask them to send them again.</translation>
    </message>
    <message>
        <source>导出本单位公钥</source>
        <translation>Export this office&apos;s public key</translation>
    </message>
    <message>
        <source>{0}公钥.json</source>
        <translation>{0} public key.json</translation>
    </message>
    <message>
        <source>无法写入 {0}：{1}</source>
        <translation>Cannot write {0}: {1}</translation>
    </message>
    <message>
        <source>选择对方的公钥文件</source>
        <translation>Choose the other office&apos;s public key file</translation>
    </message>
    <message>
        <source>数据交换页面</source>
        <translation>Data exchange page</translation>
    </message>
    <message>
        <source>吊销密钥</source>
        <translation>Revoke keys</translation>
    </message>
    <message>
        <source>吊销 {0}（{1}）的密钥？今后拒收其数据包，也不再给它发数据包；吊销记录随数据包下发。
吊销原因：</source>
        <translation>Revoke the keys of {0} ({1})? Its packages will be refused and no package sent to it; the revocation travels down with packages.
Reason for revoking:</translation>
    </message>
</context>
<context>
    <name>PlaceFilter</name>
    <message>
        <source>全部村</source>
        <translation>All villages</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>导入各部门、银行报来的花名册和名单（Excel、CSV），检查并显示每一行的问题。</source>
        <extracomment>What each coming page will do, in the clerk&apos;s words.</extracomment>
        <translation>Import the rosters and lists sent by departments and banks (Excel, CSV), checking them and showing the problems of every row.</translation>
    </message>
    <message>
        <source>运行22项自查规则，查看疑点，发往村里核实，确认或排除。</source>
        <translation>Run the 22 self-check rules, look at the findings, send them to the villages to verify, confirm or dismiss them.</translation>
    </message>
    <message>
        <source>问题台账：挂号、整改、申请销号、销号、留号，追回资金专账。</source>
        <translation>Problem ledger: register, rectify, request closure, close, keep open; the special account of recovered funds.</translation>
    </message>
    <message>
        <source>记录举报和公示异议，跟踪办理结果。</source>
        <translation>Record complaints and objections to notices, and follow up how they end.</translation>
    </message>
    <message>
        <source>按项目生成自查表：底数和15项整治内容，导出Excel和PDF。</source>
        <translation>Make the self-check form per program: the basics and the 15 campaign items, exported to Excel and PDF.</translation>
    </message>
    <message>
        <source>按村、项目、期间生成公示表（身份证号遮蔽），记录张贴和异议。</source>
        <translation>Make the public notices per village, program and period (ID numbers masked), record their posting and objections.</translation>
    </message>
    <message>
        <source>生成并签名月报、工作总结，每月25日前报送。</source>
        <translation>Make and sign the monthly reports and the work summary; submit by the 25th of each month.</translation>
    </message>
    <message>
        <source>与县、州交换加密数据包（U盘），合并各乡镇数据。</source>
        <translation>Exchange encrypted packages with the county and prefecture (USB stick) and merge the townships&apos; data.</translation>
    </message>
    <message>
        <source>即将推出</source>
        <translation>Coming soon</translation>
    </message>
</context>
<context>
    <name>PostingDialog</name>
    <message>
        <source>登记张贴 {0}</source>
        <translation>Record posting of {0}</translation>
    </message>
    <message>
        <source>{0}
公示期 {1} 至 {2}</source>
        <translation>{0}
Notice period {1} to {2}</translation>
    </message>
    <message>
        <source>不填则记为 {0}</source>
        <translation>Blank: recorded as {0}</translation>
    </message>
    <message>
        <source>可选：张贴现场的照片</source>
        <translation>Optional: a photo of the posted notice</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>张贴日期</source>
        <translation>Posted on</translation>
    </message>
    <message>
        <source>张贴人</source>
        <translation>Posted by</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>已登记过张贴（{0}，{1}）：再次登记会改为新的日期，照片另行保存。</source>
        <translation>A posting was recorded before ({0}, {1}): recording again changes the date; photos are kept as well.</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>照片或扫描件 (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>Photos or scans (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <source>选择张贴照片</source>
        <translation>Choose a photo of the posting</translation>
    </message>
</context>
<context>
    <name>ProblemDetail</name>
    <message>
        <source>挂号</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edited</translation>
    </message>
    <message>
        <source>线索移交</source>
        <translation>Lead transferred</translation>
    </message>
    <message>
        <source>追回资金</source>
        <translation>Funds recovered</translation>
    </message>
    <message>
        <source>添加佐证材料</source>
        <translation>Evidence added</translation>
    </message>
    <message>
        <source>状态</source>
        <extracomment>Fields of the audit trail not in ledger_fields.LABELS (or named otherwise here); those are shown through term().</extracomment>
        <translation>State</translation>
    </message>
    <message>
        <source>移交机关</source>
        <translation>Transferred to</translation>
    </message>
    <message>
        <source>移交文号</source>
        <translation>Transfer document number</translation>
    </message>
    <message>
        <source>移交日期</source>
        <translation>Transfer date</translation>
    </message>
    <message>
        <source>累计追回(元)</source>
        <translation>Recovered in all (yuan)</translation>
    </message>
    <message>
        <source>关联问题</source>
        <translation>Linked problem</translation>
    </message>
    <message>
        <source>公示编号</source>
        <translation>Notice number</translation>
    </message>
    <message>
        <source>涉及金额(分)</source>
        <translation>Amount involved (fen)</translation>
    </message>
    <message>
        <source>补贴项目</source>
        <translation>Subsidy program</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>日期</source>
        <extracomment>The columns of the 追回资金专账 table.</extracomment>
        <translation>Date</translation>
    </message>
    <message>
        <source>金额(元)</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>收据号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>（空）</source>
        <extracomment>Fields of the audit trail whose values are words of the domain (states, receivers, outcomes, channels).</extracomment>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Logged</translation>
    </message>
    <message>
        <source>理由：{0}</source>
        <translation>Reason: {0}</translation>
    </message>
    <message>
        <source>来源：{0}</source>
        <translation>Source: {0}</translation>
    </message>
    <message>
        <source>疑点 {0} 条</source>
        <translation>{0} findings</translation>
    </message>
    <message>
        <source>佐证材料 {0} 份</source>
        <translation>{0} evidence files</translation>
    </message>
    <message>
        <source>文件：{0}</source>
        <translation>File: {0}</translation>
    </message>
    <message>
        <source>追回 {0} 元（{1}，收据 {2}）</source>
        <translation>Recovered {0} yuan ({1}, receipt {2})</translation>
    </message>
    <message>
        <source>{0}：{1} → {2}</source>
        <translation>{0}: {1} → {2}</translation>
    </message>
    <message>
        <source>；</source>
        <comment>separator of phrases</comment>
        <translation>; </translation>
    </message>
    <message>
        <source>处理记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>（时间无法读取）</source>
        <translation>(time unreadable)</translation>
    </message>
    <message>
        <source>：{0}</source>
        <translation>: {0}</translation>
    </message>
    <message>
        <source>{0} 元</source>
        <translation>{0} yuan</translation>
    </message>
    <message>
        <source>佐证材料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>：无</source>
        <translation>: none</translation>
    </message>
    <message>
        <source>（{0}，{1} 字节，SHA-256 {2}…，{3}）</source>
        <translation> ({0}, {1} bytes, SHA-256 {2}…, {3})</translation>
    </message>
    <message>
        <source>（{0} 份）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>（留号）</source>
        <translation> (kept open)</translation>
    </message>
    <message>
        <source>、</source>
        <comment>separator of a list</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>处理 {0} 人</source>
        <translation>{0} persons dealt with</translation>
    </message>
    <message>
        <source>主动说明</source>
        <translation>came forward</translation>
    </message>
    <message>
        <source>已退赔</source>
        <translation>repaid</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>涉及金额</source>
        <translation>Amount involved</translation>
    </message>
    <message>
        <source>已追回</source>
        <translation>Recovered</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>处理情况</source>
        <translation>Dealt with</translation>
    </message>
    <message>
        <source>追回资金专账</source>
        <translation>Recovered funds account</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>尚无追回记录。</source>
        <translation>Nothing recovered yet.</translation>
    </message>
    <message>
        <source>关联疑点</source>
        <translation>Linked findings</translation>
    </message>
    <message>
        <source>（{0} 条）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <source>{0}（{1}）{2}&#x3000;{3}</source>
        <translation>{0} ({1}) {2} · {3}</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
</context>
<context>
    <name>ProblemForm</name>
    <message>
        <source>修改问题 {0}</source>
        <translation>Edit problem {0}</translation>
    </message>
    <message>
        <source>登记问题（挂号）</source>
        <translation>Register problem</translation>
    </message>
    <message>
        <source>由选中的 {0} 条疑点登记：留空的栏目（整治内容、问题描述、单位、项目、涉及人员、涉及金额）按疑点自动填写。</source>
        <translation>Registered from the {0} findings selected: fields left blank (campaign item, description, office, program, persons involved, amount involved) are filled in from the findings.</translation>
    </message>
    <message>
        <source>由举报 {0} 登记为问题，登记后与该举报关联。</source>
        <translation>Registered as a problem from complaint {0}, and linked to it.</translation>
    </message>
    <message>
        <source>（按疑点判断）</source>
        <translation>(from the findings)</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>姓名（身份证号），多人用顿号分开：张三（6523…）、李四</source>
        <translation>Name (ID number), several separated by commas: Zhang San (6523…), Li Si</translation>
    </message>
    <message>
        <source>元，如 1200.50</source>
        <translation>yuan, e.g. 1200.50</translation>
    </message>
    <message>
        <source>如 2019-09-30</source>
        <translation>e.g. 2019-09-30</translation>
    </message>
    <message>
        <source>留空则按疑点填写</source>
        <translation>Blank: filled in from the findings</translation>
    </message>
    <message>
        <source>留空则为疑点金额合计</source>
        <translation>Blank: the findings&apos; amounts added up</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>挂号</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>（未处理）</source>
        <translation>(not dealt with)</translation>
    </message>
    <message>
        <source>主动说明问题</source>
        <translation>Came forward</translation>
    </message>
    <message>
        <source>已退赔</source>
        <translation>Repaid</translation>
    </message>
    <message>
        <source>处理人数</source>
        <translation>Persons dealt with</translation>
    </message>
    <message>
        <source>添加文件…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>佐证材料</source>
        <translation>Evidence</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <source>·逾期</source>
        <translation> · overdue</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>整治内容</source>
        <translation>Campaign item</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>涉及金额(元)</source>
        <translation>Amount involved (yuan)</translation>
    </message>
    <message>
        <source>已追回(元)</source>
        <translation>Recovered (yuan)</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>登记人</source>
        <translation>Registered by</translation>
    </message>
</context>
<context>
    <name>ProgramPicker</name>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>请勾选补贴项目（可多选）</source>
        <translation>Tick subsidy programs (several allowed)</translation>
    </message>
    <message>
        <source>点开后勾选一个或几个补贴项目；几个项目合在一张公示上，每个项目一节</source>
        <translation>Open the list and tick one or more subsidy programs; several share one notice, a section each</translation>
    </message>
    <message>
        <source>{0} 等 {1} 项</source>
        <translation>{0} and others ({1})</translation>
    </message>
    <message>
        <source>、</source>
        <comment>separator of a list</comment>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>必填：为什么，依据什么（记入处理记录和审计日志）</source>
        <translation>Required: why, and on what basis (kept in the history and the audit log)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>必须写明理由。</source>
        <translation>A reason is required.</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>必填：为什么，依据什么（记入审计日志）</source>
        <translation>Required: why, and on what basis (kept in the audit log)</translation>
    </message>
    <message>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <source>追回资金 {0}</source>
        <translation>Recover funds for {0}</translation>
    </message>
    <message>
        <source>涉及金额 {0} 元，已追回 {1} 元。</source>
        <translation>Amount involved {0} yuan, recovered so far {1} yuan.</translation>
    </message>
    <message>
        <source>元，如 1200.50</source>
        <translation>yuan, e.g. 1200.50</translation>
    </message>
    <message>
        <source>追回金额</source>
        <translation>Amount recovered</translation>
    </message>
    <message>
        <source>追回日期</source>
        <translation>Recovered on</translation>
    </message>
    <message>
        <source>收据号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>记入专账</source>
        <translation>Enter in account</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>文字尚未保存</source>
        <translation>Text not saved</translation>
    </message>
    <message>
        <source>“{0}”的文字有修改尚未保存，保存吗？</source>
        <translation>The text of &quot;{0}&quot; has unsaved changes. Save them?</translation>
    </message>
    <message>
        <source>点“预览”查看报告的样子；点“生成PDF”或“签名并生成”生成报告。</source>
        <translation>Click &quot;Preview&quot; to see the report; click &quot;Make PDF&quot; or &quot;Sign and make&quot; to make it.</translation>
    </message>
    <message>
        <source>
最近生成：{0}（{1}）</source>
        <translation>
Last made: {0} ({1})</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>不填写时报告上印“（未填写）”</source>
        <translation>Left blank, the report says the section was not filled in</translation>
    </message>
    <message>
        <source>文字有修改，尚未保存。</source>
        <translation>The text has changed and is not saved.</translation>
    </message>
    <message>
        <source>当前用户（{0}）只能查看，不能编写、生成或登记报送报告。</source>
        <translation>The current user ({0}) may only view: cannot write, make or record the submission of reports.</translation>
    </message>
    <message>
        <source>当前用户不能签名报告：需要审核或管理员角色。</source>
        <translation>The current user cannot sign reports: the reviewer or administrator role is needed.</translation>
    </message>
    <message>
        <source>文字没有修改，不需要保存。</source>
        <translation>The text has not changed: nothing to save.</translation>
    </message>
    <message>
        <source>正在生成预览……</source>
        <translation>Making the preview…</translation>
    </message>
    <message>
        <source>无法生成预览。</source>
        <translation>Could not make the preview.</translation>
    </message>
    <message>
        <source>预览（未保存、未签名）：{0}</source>
        <translation>Preview (not saved, not signed): {0}</translation>
    </message>
    <message>
        <source>密钥口令</source>
        <translation>Key passphrase</translation>
    </message>
    <message>
        <source>签名要用本单位的密钥，请输入密钥口令：</source>
        <translation>Signing uses this office&apos;s keys. Enter the key passphrase:</translation>
    </message>
    <message>
        <source>已生成并签名：{0}（签名人 {1}）。可以“导出”后报送。</source>
        <translation>Made and signed: {0} (signed by {1}). It can be exported and submitted.</translation>
    </message>
    <message>
        <source>已生成（未签名）：{0}。可以“导出”后报送。</source>
        <translation>Made (not signed): {0}. It can be exported and submitted.</translation>
    </message>
    <message>
        <source>正在签名并生成报告……</source>
        <translation>Signing and making the report…</translation>
    </message>
    <message>
        <source>正在生成报告……</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <source>导出报告</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>登记报送</source>
        <translation>Record as submitted</translation>
    </message>
    <message>
        <source>本单位：{0}</source>
        <translation>This office: {0}</translation>
    </message>
    <message>
        <source>主管部门：{0}</source>
        <translation>Department: {0}</translation>
    </message>
    <message>
        <source>{0}年度</source>
        <translation>Year {0}</translation>
    </message>
    <message>
        <source>报告：</source>
        <translation>Report:</translation>
    </message>
    <message>
        <source>期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <source>文字部分（其余部分由数据自动统计）</source>
        <translation>Text (the rest is computed from the data)</translation>
    </message>
    <message>
        <source>保存文字</source>
        <translation>Save text</translation>
    </message>
    <message>
        <source>保存上面填写的文字（不生成 PDF）</source>
        <translation>Save the text written above (no PDF is made)</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>按现在的数据和文字显示报告（不保存）</source>
        <translation>Show the report with the data and text as they are now (not saved)</translation>
    </message>
    <message>
        <source>生成PDF</source>
        <translation>Make PDF</translation>
    </message>
    <message>
        <source>保存文字并生成报告 PDF（不签名）</source>
        <translation>Save the text and make the report&apos;s PDF (not signed)</translation>
    </message>
    <message>
        <source>签名并生成…</source>
        <translation>Sign and make…</translation>
    </message>
    <message>
        <source>用本单位的证书对报告 PDF 进行数字签名（需要密钥口令）</source>
        <translation>Sign the report&apos;s PDF digitally with this office&apos;s certificate (needs the key passphrase)</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>把最近生成的报告 PDF 保存到文件</source>
        <translation>Save the report&apos;s latest PDF to a file</translation>
    </message>
    <message>
        <source>登记报告今天已经报送</source>
        <translation>Record that the report was submitted today</translation>
    </message>
    <message>
        <source>报告</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>生成</source>
        <translation>Made</translation>
    </message>
    <message>
        <source>已编写的报告（选中一行打开）</source>
        <translation>Reports written (select a row to open it)</translation>
    </message>
    <message>
        <source>{0}年{1}月</source>
        <translation>{1}/{0}</translation>
    </message>
    <message>
        <source>{0}{1}（{2}）</source>
        <translation>{0} {1} ({2})</translation>
    </message>
    <message>
        <source>{0} 签名于 {1}</source>
        <translation>signed by {0} on {1}</translation>
    </message>
    <message>
        <source>{0} 报送（{1}）</source>
        <translation>submitted {0} ({1})</translation>
    </message>
    <message>
        <source>，</source>
        <comment>separator of phrases</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>、</source>
        <comment>separator of a list</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>登记“{0}”今天已经报送？</source>
        <translation>Record that &quot;{0}&quot; was submitted today?</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>姓名</source>
        <extracomment>The titles of services.roster_columns.COLUMNS, marked here for lupdate; translated at use (`_tr`).</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>村(社区)</source>
        <translation>Village (community)</translation>
    </message>
    <message>
        <source>组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>补贴项目</source>
        <translation>Subsidy program</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>标准(元)</source>
        <translation>Standard (yuan)</translation>
    </message>
    <message>
        <source>应发(元)</source>
        <translation>Due (yuan)</translation>
    </message>
    <message>
        <source>实发(元)</source>
        <translation>Paid (yuan)</translation>
    </message>
    <message>
        <source>发放日期</source>
        <translation>Payment date</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>代发银行</source>
        <translation>Paying bank</translation>
    </message>
    <message>
        <source>银行账号</source>
        <translation>Account number</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>搜索姓名、身份证号或银行账号</source>
        <translation>Search by name, ID number or account number</translation>
    </message>
    <message>
        <source>全部乡镇</source>
        <translation>All townships</translation>
    </message>
    <message>
        <source>全部村</source>
        <translation>All villages</translation>
    </message>
    <message>
        <source>全部项目</source>
        <translation>All programs</translation>
    </message>
    <message>
        <source>全部年度</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>{0}年</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>导出Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>把当前筛选、排序后的全部记录导出为 Excel</source>
        <translation>Export every record, as filtered and sorted now, to Excel</translation>
    </message>
    <message>
        <source>手工录入…</source>
        <translation>Manual entry…</translation>
    </message>
    <message>
        <source>按花名册模板的栏目录入一笔发放或一个人员，检查与导入相同</source>
        <translation>Enter a payment or a person in the roster template&apos;s fields, checked as an import is</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#777&apos;&gt;选中一行，查看此人的全部发放和账户。&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#777&apos;&gt;Select a row to see all of that person&apos;s payments and accounts.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>更正所选发放…</source>
        <translation>Correct selected payment…</translation>
    </message>
    <message>
        <source>编辑人员…</source>
        <translation>Edit person…</translation>
    </message>
    <message>
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <source>导出花名册</source>
        <translation>Export roster</translation>
    </message>
    <message>
        <source>花名册</source>
        <translation>Roster</translation>
    </message>
    <message>
        <source>已导出 {0} 笔到 {1}</source>
        <translation>{0} payments exported to {1}</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>（正在统计…）</source>
        <translation> (counting…)</translation>
    </message>
    <message>
        <source>共 {0} 笔</source>
        <translation>{0} payments</translation>
    </message>
    <message>
        <source>没有符合条件的发放记录。请检查搜索内容，或把筛选改回“全部”。</source>
        <translation>No payment records match. Check the search text, or set the filters back to “All”.</translation>
    </message>
    <message>
        <source>还没有花名册数据。请在“导入”页导入各部门、银行报来的花名册。</source>
        <translation>There are no roster data yet. Import the rosters from the departments and banks on the “Import” page.</translation>
    </message>
    <message>
        <source>；</source>
        <comment>separator of sentences</comment>
        <translation>; </translation>
    </message>
    <message>
        <source>（身份证号校验不通过）</source>
        <translation>(ID number check digit wrong)</translation>
    </message>
    <message>
        <source>&lt;p&gt;身份证号：{0}{1}&lt;br&gt;性别：{2}&#x3000;民族：{3}&lt;br&gt;出生日期：{4}&lt;br&gt;村(社区)：{5}&lt;br&gt;户：{6}&#x3000;户主：{7}&lt;/p&gt;</source>
        <translation>&lt;p&gt;ID number: {0}{1}&lt;br&gt;Sex: {2}&amp;emsp;Ethnicity: {3}&lt;br&gt;Date of birth: {4}&lt;br&gt;Village (community): {5}&lt;br&gt;Household: {6}&amp;emsp;Head of household: {7}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>银行账户</source>
        <translation>Bank accounts</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;th&gt;代发银行&lt;/th&gt;&lt;th&gt;账号&lt;/th&gt;&lt;th&gt;笔数&lt;/th&gt;&lt;th&gt;金额(元)&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;th&gt;Paying bank&lt;/th&gt;&lt;th&gt;Account number&lt;/th&gt;&lt;th&gt;Payments&lt;/th&gt;&lt;th&gt;Amount (yuan)&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>发放记录</source>
        <translation>Payment records</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;th&gt;项目&lt;/th&gt;&lt;th&gt;期间&lt;/th&gt;&lt;th&gt;实发(元)&lt;/th&gt;&lt;th&gt;日期&lt;/th&gt;&lt;th&gt;方式&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;th&gt;Program&lt;/th&gt;&lt;th&gt;Period&lt;/th&gt;&lt;th&gt;Paid (yuan)&lt;/th&gt;&lt;th&gt;Date&lt;/th&gt;&lt;th&gt;Method&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>名单中的记录</source>
        <translation>Records in lists</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;th&gt;名单&lt;/th&gt;&lt;th&gt;内容&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;th&gt;List&lt;/th&gt;&lt;th&gt;Content&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
</context>
<context>
    <name>RuleParamsBox</name>
    <message>
        <source>自查规则参数（修改后下次运行自查时生效）</source>
        <translation>Self-check rule parameters (changes apply from the next self-check run)</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>参数</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>当前值</source>
        <translation>Current value</translation>
    </message>
    <message>
        <source>默认值</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>各项目单独设定</source>
        <translation>Set per program</translation>
    </message>
    <message>
        <source>不小于 0 的整数</source>
        <translation>A whole number, 0 or more</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>恢复默认</source>
        <translation>Restore default</translation>
    </message>
    <message>
        <source>新值：</source>
        <translation>New value:</translation>
    </message>
    <message>
        <source>适用于：</source>
        <translation>Applies to:</translation>
    </message>
    <message>
        <source>（可按项目设置）</source>
        <translation>(can be set per program)</translation>
    </message>
    <message>
        <source>（已修改）</source>
        <translation> (changed)</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>全部项目</source>
        <translation>All programs</translation>
    </message>
    <message>
        <source>（项目 {0}）</source>
        <translation> (program {0})</translation>
    </message>
    <message>
        <source>没有改动。</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <source>已恢复默认{0}。</source>
        <translation>Default restored{0}.</translation>
    </message>
    <message>
        <source>已保存{0}：{1} = {2}。</source>
        <translation>Saved{0}: {1} = {2}.</translation>
    </message>
</context>
<context>
    <name>SelfcheckPage</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>整治内容</source>
        <translation>Campaign item</translation>
    </message>
    <message>
        <source>自查结果</source>
        <translation>Self-check result</translation>
    </message>
    <message>
        <source>问题个数</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>涉及金额(元)</source>
        <translation>Amount involved (yuan)</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Rectification measures</translation>
    </message>
    <message>
        <source>本单位</source>
        <translation>This office</translation>
    </message>
    <message>
        <source>一个乡镇</source>
        <translation>A township</translation>
    </message>
    <message>
        <source>主管部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>恢复预填</source>
        <translation>Restore pre-filled</translation>
    </message>
    <message>
        <source>放弃没有保存的修改，重新读取（保存过的以保存的为准）</source>
        <translation>Drop the unsaved changes and read again (what was saved stays as saved)</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>导出所选范围全部项目的自查表：汇总表加每个项目一张</source>
        <translation>Export the self-check forms of every program in the chosen scope: a summary plus one sheet per program</translation>
    </message>
    <message>
        <source>范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <source>补贴项目：</source>
        <translation>Subsidy program:</translation>
    </message>
    <message>
        <source>底数（由数据自动统计）</source>
        <translation>Baseline (counted from the data)</translation>
    </message>
    <message>
        <source>整治内容自查情况（15项）</source>
        <translation>Self-check of the campaign items (15 items)</translation>
    </message>
    <message>
        <source>正在读取……</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>{0} 人</source>
        <translation>{0} persons</translation>
    </message>
    <message>
        <source>{0} 户</source>
        <translation>{0} households</translation>
    </message>
    <message>
        <source>{0} 笔</source>
        <translation>{0} payments</translation>
    </message>
    <message>
        <source>{0} 元</source>
        <translation>{0} yuan</translation>
    </message>
    <message>
        <source>其中 {0} 年</source>
        <translation>of which {0}</translation>
    </message>
    <message>
        <source>{0} 元（{1} 人）</source>
        <translation>{0} yuan ({1} persons)</translation>
    </message>
    <message>
        <source>{0} 笔，{1} 元，占 {2}</source>
        <translation>{0} payments, {1} yuan, {2} of the total</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{0} 家：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>{0} 个</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>这个范围没有需要填写自查表的补贴项目。</source>
        <translation>This scope has no subsidy program that needs a self-check form.</translation>
    </message>
    <message>
        <source>以下是 {0} 保存的自查结果，可以修改后再保存。底数随数据自动更新。</source>
        <translation>These are the self-check results saved by {0}; you may change them and save again. The baseline follows the data.</translation>
    </message>
    <message>
        <source>以下结果根据自查发现的问题（待核实、已确认）和问题台账预填：{0} 项有问题。请逐项核对、补充整改措施后保存。</source>
        <translation>These results are pre-filled from the self-check findings (to verify, confirmed) and the problem ledger: {0} items have problems. Check each item, add the rectification measures, then save.</translation>
    </message>
    <message>
        <source>有 {0} 项修改尚未保存。</source>
        <translation>{0} changed items not saved yet.</translation>
    </message>
    <message>
        <source>没有修改，不需要保存。</source>
        <translation>Nothing changed; nothing to save.</translation>
    </message>
    <message>
        <source>已保存 {0} 项：{1}。</source>
        <translation>{0} items saved: {1}.</translation>
    </message>
    <message>
        <source>、</source>
        <comment>list separator</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>{0}自查表</source>
        <translation>{0} self-check form</translation>
    </message>
    <message>
        <source>导出自查表</source>
        <translation>Export self-check forms</translation>
    </message>
    <message>
        <source>（未保存的修改没有导出）</source>
        <translation> (unsaved changes were not exported)</translation>
    </message>
    <message>
        <source>正在导出……</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>ServiceForm</name>
    <message>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>本单位</source>
        <extracomment>The interface languages, each named in itself (whoever reads it must find their own).</extracomment>
        <translation>This office</translation>
    </message>
    <message>
        <source>单位代码：</source>
        <translation>Office code:</translation>
    </message>
    <message>
        <source>单位名称：</source>
        <translation>Office name:</translation>
    </message>
    <message>
        <source>级别：</source>
        <translation>Level:</translation>
    </message>
    <message>
        <source>数据库：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <source>专项整治阶段（{0}年）</source>
        <translation>Campaign phases ({0})</translation>
    </message>
    <message>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <source>保存阶段日期</source>
        <translation>Save phase dates</translation>
    </message>
    <message>
        <source>本单位与阶段</source>
        <translation>Office and phases</translation>
    </message>
    <message>
        <source>补贴项目目录</source>
        <translation>Subsidy program catalogue</translation>
    </message>
    <message>
        <source>自查规则参数</source>
        <translation>Self-check rule parameters</translation>
    </message>
    <message>
        <source>举报电话</source>
        <translation>Complaint hotline</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>跟随系统（{0}）</source>
        <translation>Follow the system ({0})</translation>
    </message>
    <message>
        <source>只影响这台电脑，重启软件后生效。</source>
        <translation>For this computer only; it applies after the program is restarted.</translation>
    </message>
    <message>
        <source>无法保存界面语言：{0}</source>
        <translation>Could not save the interface language: {0}</translation>
    </message>
    <message>
        <source>已保存，重启软件后生效。</source>
        <translation>Saved; it applies after the program is restarted.</translation>
    </message>
    <message>
        <source>补贴项目目录（导入时新建的项目请并入目录中的项目）</source>
        <translation>Subsidy program catalogue (merge the programs created by imports into catalogue programs)</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>发放笔数</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>并入目录中的项目…</source>
        <translation>Merge into a catalogue program…</translation>
    </message>
    <message>
        <source>导入时新建，待并入</source>
        <translation>Created by an import, to be merged</translation>
    </message>
    <message>
        <source>不在整治范围</source>
        <translation>Outside the campaign</translation>
    </message>
    <message>
        <source>已把 {0} 并入 {1}：{2} 笔发放记录。</source>
        <translation>Merged {0} into {1}: {2} payment records.</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>无法打开</source>
        <translation>Cannot open</translation>
    </message>
</context>
<context>
    <name>Terms</name>
    <message>
        <source>高</source>
        <translation>High</translation>
    </message>
    <message>
        <source>中</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>低（复核）</source>
        <translation>Low (review)</translation>
    </message>
    <message>
        <source>待核实</source>
        <translation>To verify</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>已排除</source>
        <translation>Dismissed</translation>
    </message>
    <message>
        <source>已消除</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>未按时发放</source>
        <translation>Paid late</translation>
    </message>
    <message>
        <source>少发</source>
        <translation>Underpaid</translation>
    </message>
    <message>
        <source>应发未发</source>
        <translation>Due but not paid</translation>
    </message>
    <message>
        <source>超标准发放</source>
        <translation>Paid above the standard</translation>
    </message>
    <message>
        <source>扩大范围发放</source>
        <translation>Paid outside the scope</translation>
    </message>
    <message>
        <source>死亡后仍发放</source>
        <translation>Paid after death</translation>
    </message>
    <message>
        <source>迁出或退出后仍发放</source>
        <translation>Paid after moving out or exiting</translation>
    </message>
    <message>
        <source>财政供养人员违规领取</source>
        <translation>Received by state-paid staff</translation>
    </message>
    <message>
        <source>未通过一卡通发放</source>
        <translation>Not paid through the One Card</translation>
    </message>
    <message>
        <source>未按规定公示</source>
        <translation>No proper public notice</translation>
    </message>
    <message>
        <source>资金滞留（发放失败未重发）</source>
        <translation>Funds held back (failed payment not paid again)</translation>
    </message>
    <message>
        <source>资金拨付后未发放</source>
        <translation>Funds allocated but not paid out</translation>
    </message>
    <message>
        <source>身份证号无效</source>
        <translation>Invalid ID number</translation>
    </message>
    <message>
        <source>人证不符</source>
        <translation>Name does not match the ID</translation>
    </message>
    <message>
        <source>补贴打入他人账户</source>
        <translation>Subsidy paid into someone else&apos;s account</translation>
    </message>
    <message>
        <source>一卡通被他人保管</source>
        <translation>One Card kept by someone else</translation>
    </message>
    <message>
        <source>一人多卡</source>
        <translation>One person, several cards</translation>
    </message>
    <message>
        <source>代理银行过多</source>
        <translation>Too many agent banks</translation>
    </message>
    <message>
        <source>代理银行违规收费</source>
        <translation>Improper fees by the agent bank</translation>
    </message>
    <message>
        <source>村干部及近亲属享受补贴</source>
        <translation>Subsidy to village cadres and close relatives</translation>
    </message>
    <message>
        <source>多人共用一个账户</source>
        <translation>Several people share one account</translation>
    </message>
    <message>
        <source>重复发放</source>
        <translation>Paid twice</translation>
    </message>
    <message>
        <source>发放日期晚于应发日期加项目宽限天数</source>
        <translation>The payment date is later than the due date plus the program&apos;s grace days</translation>
    </message>
    <message>
        <source>实发金额少于应发金额</source>
        <translation>The amount paid is less than the amount due</translation>
    </message>
    <message>
        <source>在应享名单上（或应发大于0）但该期间没有发放</source>
        <translation>On the eligible list (or an amount due above 0) but nothing paid for the period</translation>
    </message>
    <message>
        <source>实发超过适用标准×数量（四舍五入到分）：有目录标准用目录标准，否则用花名册上的补贴标准</source>
        <translation>The amount paid exceeds the applicable standard × quantity (rounded to the fen): the catalogue&apos;s standard where there is one, otherwise the standard on the roster</translation>
    </message>
    <message>
        <source>不符合项目条件：期间最后一天的年龄低于项目最低年龄，或不在项目实施区域</source>
        <translation>Not eligible for the program: younger than the program&apos;s minimum age on the last day of the period, or outside the program&apos;s area</translation>
    </message>
    <message>
        <source>发放期间开始于死亡日期之后</source>
        <translation>The payment period starts after the date of death</translation>
    </message>
    <message>
        <source>发放期间开始于迁出或退出项目之后</source>
        <translation>The payment period starts after moving out or exiting the program</translation>
    </message>
    <message>
        <source>财政供养人员领取了排除财政供养人员的项目</source>
        <translation>State-paid staff received a program that excludes state-paid staff</translation>
    </message>
    <message>
        <source>应通过一卡通发放的项目以现金发放</source>
        <translation>A program to be paid through the One Card was paid in cash</translation>
    </message>
    <message>
        <source>发放批次（每个导入批次的每个村、项目和期间）在发放日期前没有张贴满规定天数的公示：从公示开始日（张贴晚于开始日的从张贴日）算起</source>
        <translation>A payment batch (each village, program and period of each import batch) had no notice posted for the required days before the payment date: counted from the notice&apos;s start (from the posting day when posted after the start)</translation>
    </message>
    <message>
        <source>银行回盘失败，且之后规定天数内没有重新发放</source>
        <translation>The bank return shows a failed payment, and it was not paid again within the required days</translation>
    </message>
    <message>
        <source>某项目某单位某期间拨付金额减实发金额超过阈值，且到位已超过规定天数</source>
        <translation>For a program, office and period, the amount allocated minus the amount paid exceeds the threshold, and the funds arrived more than the required days ago</translation>
    </message>
    <message>
        <source>身份证号出生日期或校验码不对，仍有发放</source>
        <translation>The ID number&apos;s birth date or check digit is wrong, and payments go on</translation>
    </message>
    <message>
        <source>同一身份证号出现不同姓名（中间点、空格写法不同不算；拼音相同的同音异写为低风险复核），或性别与身份证号不符</source>
        <translation>The same ID number appears with different names (middle dots and spaces do not count; the same pinyin written differently is a low-risk review), or the sex does not match the ID number</translation>
    </message>
    <message>
        <source>账户户名不是受益人本人（按户发放的项目打入户主或同户成员账户不算）</source>
        <translation>The account holder is not the beneficiary (paid per household into the account of the head or a member of the household does not count)</translation>
    </message>
    <message>
        <source>入户核查发现卡不在本人手中</source>
        <translation>A field check found the card not in the person&apos;s own hands</translation>
    </message>
    <message>
        <source>同一人在超过规定张数的账户上领取补贴</source>
        <translation>One person receives subsidies on more accounts than allowed</translation>
    </message>
    <message>
        <source>一个单位使用的代理银行超过规定家数</source>
        <translation>An office uses more agent banks than allowed</translation>
    </message>
    <message>
        <source>回盘入账少于实发，或扣了手续费</source>
        <translation>The bank return credited less than paid, or a fee was deducted</translation>
    </message>
    <message>
        <source>受益人是村干部或其近亲属：需写复核意见</source>
        <translation>The beneficiary is a village cadre or a close relative: a review opinion is needed</translation>
    </message>
    <message>
        <source>一个账户收到不同户的多人的补贴</source>
        <translation>One account receives subsidies of several people of different households</translation>
    </message>
    <message>
        <source>同一人同一项目同一期间发放了不止一次</source>
        <translation>The same person was paid more than once for the same program and period</translation>
    </message>
    <message>
        <source>宽限天数（默认取项目目录中该项目的宽限天数，可按项目另设）</source>
        <translation>Grace days (by default the program&apos;s grace days in the catalogue; may be set per program)</translation>
    </message>
    <message>
        <source>容许差额（分）</source>
        <translation>Allowed difference (fen)</translation>
    </message>
    <message>
        <source>公示天数</source>
        <translation>Notice days</translation>
    </message>
    <message>
        <source>重新发放期限（天）</source>
        <translation>Deadline to pay again (days)</translation>
    </message>
    <message>
        <source>阈值（分）</source>
        <translation>Threshold (fen)</translation>
    </message>
    <message>
        <source>到位后天数</source>
        <translation>Days after arrival</translation>
    </message>
    <message>
        <source>每人账户数上限</source>
        <translation>Most accounts per person</translation>
    </message>
    <message>
        <source>代理银行家数上限</source>
        <translation>Most agent banks</translation>
    </message>
    <message>
        <source>已挂号</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>整改中</source>
        <translation>Rectifying</translation>
    </message>
    <message>
        <source>申请销号</source>
        <translation>Request closure</translation>
    </message>
    <message>
        <source>已销号</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>已登记</source>
        <translation>Logged</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>申请办结</source>
        <translation>Request conclusion</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Concluded</translation>
    </message>
    <message>
        <source>开始整改</source>
        <translation>Start rectification</translation>
    </message>
    <message>
        <source>销号</source>
        <translation>Approve closure</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>回头看</source>
        <translation>Follow-up review</translation>
    </message>
    <message>
        <source>开始办理</source>
        <translation>Start handling</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Conclude</translation>
    </message>
    <message>
        <source>批评教育</source>
        <translation>Criticism and education</translation>
    </message>
    <message>
        <source>诫勉</source>
        <translation>Admonition</translation>
    </message>
    <message>
        <source>党纪政务处分</source>
        <translation>Party or administrative sanction</translation>
    </message>
    <message>
        <source>移送司法</source>
        <translation>Referred to the judiciary</translation>
    </message>
    <message>
        <source>纪检监察机关</source>
        <translation>Discipline inspection and supervision authority</translation>
    </message>
    <message>
        <source>司法机关</source>
        <translation>Judicial authority</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>来信</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>来访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>网络</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>公示异议</source>
        <translation>Objection to a notice</translation>
    </message>
    <message>
        <source>手工登记</source>
        <translation>Registered by hand</translation>
    </message>
    <message>
        <source>自查发现</source>
        <translation>Self-check finding</translation>
    </message>
    <message>
        <source>问题线索</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>举报</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>录入</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>查看</source>
        <translation>Viewer</translation>
    </message>
    <message>
        <source>纪检</source>
        <translation>Discipline inspector</translation>
    </message>
    <message>
        <source>初始化</source>
        <translation>Initialise</translation>
    </message>
    <message>
        <source>查看数据</source>
        <translation>View data</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>更正数据</source>
        <translation>Correct data</translation>
    </message>
    <message>
        <source>运行自查</source>
        <translation>Run the self-check</translation>
    </message>
    <message>
        <source>登记问题</source>
        <translation>Register problems</translation>
    </message>
    <message>
        <source>审批销号</source>
        <translation>Approve closures</translation>
    </message>
    <message>
        <source>查看举报人</source>
        <translation>See complainants</translation>
    </message>
    <message>
        <source>签名报告</source>
        <translation>Sign reports</translation>
    </message>
    <message>
        <source>导入导出数据包</source>
        <translation>Import and export packages</translation>
    </message>
    <message>
        <source>管理用户</source>
        <translation>Manage users</translation>
    </message>
    <message>
        <source>管理密钥</source>
        <translation>Manage keys</translation>
    </message>
    <message>
        <source>修改设置</source>
        <translation>Change settings</translation>
    </message>
    <message>
        <source>核验</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>备份数据库</source>
        <translation>Back up the database</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>州</source>
        <translation>Prefecture</translation>
    </message>
    <message>
        <source>县（市）园区</source>
        <translation>County (city, park)</translation>
    </message>
    <message>
        <source>乡镇（街道）</source>
        <translation>Township (subdistrict)</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Village (community)</translation>
    </message>
    <message>
        <source>组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>月报</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <source>工作总结</source>
        <translation>Work summary</translation>
    </message>
    <message>
        <source>未编写</source>
        <translation>Not written</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已生成（未签名）</source>
        <translation>Made (not signed)</translation>
    </message>
    <message>
        <source>已签名</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>已报送</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>本月专项整治进展情况</source>
        <translation>Progress of the special campaign this month</translation>
    </message>
    <message>
        <source>存在的困难和下一步工作</source>
        <translation>Difficulties and next steps</translation>
    </message>
    <message>
        <source>工作开展情况</source>
        <translation>How the work was done</translation>
    </message>
    <message>
        <source>主要做法和成效</source>
        <translation>Main practices and results</translation>
    </message>
    <message>
        <source>存在的问题</source>
        <translation>Existing problems</translation>
    </message>
    <message>
        <source>持续深化整治的意见</source>
        <translation>Proposals to deepen the campaign</translation>
    </message>
    <message>
        <source>按人</source>
        <translation>Per person</translation>
    </message>
    <message>
        <source>按户</source>
        <translation>Per household</translation>
    </message>
    <message>
        <source>按亩</source>
        <translation>Per mu</translation>
    </message>
    <message>
        <source>按台(件)</source>
        <translation>Per machine (item)</translation>
    </message>
    <message>
        <source>按亩/吨</source>
        <translation>Per mu/ton</translation>
    </message>
    <message>
        <source>按月</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>按季</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <source>按年</source>
        <translation>Yearly</translation>
    </message>
    <message>
        <source>一次性</source>
        <translation>One-off</translation>
    </message>
    <message>
        <source>按需</source>
        <translation>As needed</translation>
    </message>
    <message>
        <source>财政局</source>
        <translation>Finance Bureau</translation>
    </message>
    <message>
        <source>农业农村局</source>
        <translation>Agriculture and Rural Affairs Bureau</translation>
    </message>
    <message>
        <source>林草局</source>
        <translation>Forestry and Grassland Bureau</translation>
    </message>
    <message>
        <source>人社局</source>
        <translation>Human Resources and Social Security Bureau</translation>
    </message>
    <message>
        <source>卫健委</source>
        <translation>Health Commission</translation>
    </message>
    <message>
        <source>民政局</source>
        <translation>Civil Affairs Bureau</translation>
    </message>
    <message>
        <source>退役军人事务局</source>
        <translation>Veterans Affairs Bureau</translation>
    </message>
    <message>
        <source>残联</source>
        <translation>Disabled Persons&apos; Federation</translation>
    </message>
    <message>
        <source>发改委</source>
        <translation>Development and Reform Commission</translation>
    </message>
    <message>
        <source>住建局</source>
        <translation>Housing and Urban-Rural Development Bureau</translation>
    </message>
    <message>
        <source>扶贫办</source>
        <translation>Poverty Alleviation Office</translation>
    </message>
    <message>
        <source>自查阶段</source>
        <translation>Self-check phase</translation>
    </message>
    <message>
        <source>调研指导帮助阶段</source>
        <translation>Research and guidance phase</translation>
    </message>
    <message>
        <source>整改规范阶段</source>
        <translation>Rectification phase</translation>
    </message>
    <message>
        <source>总结评价阶段</source>
        <translation>Summary and evaluation phase</translation>
    </message>
    <message>
        <source>县（市）园区工作总结报州财政局</source>
        <translation>Counties (cities, parks) send their work summary to the prefecture Finance Bureau</translation>
    </message>
    <message>
        <source>州财政局形成全州工作总结</source>
        <translation>Prefecture Finance Bureau writes the prefecture&apos;s work summary</translation>
    </message>
    <message>
        <source>接受州纪委监委检查评估</source>
        <translation>Inspection and evaluation by the prefecture discipline inspection commission</translation>
    </message>
    <message>
        <source>惠民惠农财政补贴资金管理不规范</source>
        <translation>Subsidy funds managed improperly</translation>
    </message>
    <message>
        <source>部门、代理银行违规</source>
        <translation>Violations by departments and agent banks</translation>
    </message>
    <message>
        <source>侵害群众利益</source>
        <translation>Harm to the people&apos;s interests</translation>
    </message>
    <message>
        <source>资金发放不及时、不足额，应享受政策未享受</source>
        <translation>Funds not paid on time or in full; people entitled did not benefit</translation>
    </message>
    <message>
        <source>超标准超范围发放，应退出未退出、不该享受的违规享受</source>
        <translation>Paid above the standard or outside the scope; people who should have exited did not; people not entitled benefited</translation>
    </message>
    <message>
        <source>该通过“一卡通”发放的，实际采取现金发放</source>
        <translation>Paid in cash where the “One Card” should have been used</translation>
    </message>
    <message>
        <source>政策宣传和分配结果公示公开不到位</source>
        <translation>Policies and allocation results not publicised properly</translation>
    </message>
    <message>
        <source>未建立资金管理台账，未履行审核审批和监督，未及时核实更新对象身份信息，未发放资金未按规定存放</source>
        <translation>No ledger of the funds; no review, approval or supervision; beneficiaries&apos; details not verified and updated in time; unpaid funds not kept as required</translation>
    </message>
    <message>
        <source>未纳入预算绩效管理</source>
        <translation>Not included in budget performance management</translation>
    </message>
    <message>
        <source>未落实实名制发放</source>
        <translation>Payment not made in the beneficiary&apos;s real name</translation>
    </message>
    <message>
        <source>部门竞相办卡，“一人多卡”</source>
        <translation>Departments compete to issue cards: “one person, several cards”</translation>
    </message>
    <message>
        <source>代理银行过多过滥，未公开招标</source>
        <translation>Too many agent banks, no public tender</translation>
    </message>
    <message>
        <source>部门和代理银行违规收费</source>
        <translation>Improper fees by departments and agent banks</translation>
    </message>
    <message>
        <source>申报审核及办卡中优亲厚友、吃拿卡要、以权谋私</source>
        <translation>Favouritism, extortion or abuse of power in applications, reviews and card issuing</translation>
    </message>
    <message>
        <source>用无关人员身份证件办卡，虚报冒领</source>
        <translation>Cards opened with unrelated people&apos;s IDs; false claims</translation>
    </message>
    <message>
        <source>冷硬横推，随意设立条件、拔高标准</source>
        <translation>Applicants turned away; arbitrary conditions or raised thresholds</translation>
    </message>
    <message>
        <source>贪污侵占、截留挪用</source>
        <translation>Embezzlement, withholding or misuse of funds</translation>
    </message>
    <message>
        <source>未经本人同意私自保管、扣押“一卡通”</source>
        <translation>“One Card” kept or withheld without the holder&apos;s consent</translation>
    </message>
    <message>
        <source>死亡</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <source>迁出</source>
        <translation>Moved out</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Exited</translation>
    </message>
    <message>
        <source>补贴发放花名册</source>
        <translation>Subsidy payment roster</translation>
    </message>
    <message>
        <source>死亡、迁出、退出人员名单</source>
        <translation>List of deceased, moved-out and exited persons</translation>
    </message>
    <message>
        <source>财政供养人员名单</source>
        <translation>List of state-paid staff</translation>
    </message>
    <message>
        <source>村干部及近亲属名单</source>
        <translation>List of village cadres and close relatives</translation>
    </message>
    <message>
        <source>应享名单</source>
        <translation>Eligible list</translation>
    </message>
    <message>
        <source>资金拨付明细</source>
        <translation>Fund allocations</translation>
    </message>
    <message>
        <source>银行代发回盘</source>
        <translation>Bank payment returns</translation>
    </message>
    <message>
        <source>入户核查（人卡核对）记录</source>
        <translation>Field checks (person and card) record</translation>
    </message>
    <message>
        <source>手工录入</source>
        <translation>Entered by hand</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>县(市)</source>
        <translation>County (city)</translation>
    </message>
    <message>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>村(社区)</source>
        <translation>Village (community)</translation>
    </message>
    <message>
        <source>户编号</source>
        <translation>Household number</translation>
    </message>
    <message>
        <source>户主姓名</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <source>户主身份证号</source>
        <translation>Head&apos;s ID number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>补贴项目</source>
        <translation>Subsidy program</translation>
    </message>
    <message>
        <source>补贴年度</source>
        <translation>Subsidy year</translation>
    </message>
    <message>
        <source>补贴期间</source>
        <translation>Subsidy period</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>补贴标准</source>
        <translation>Subsidy standard</translation>
    </message>
    <message>
        <source>应发金额</source>
        <translation>Amount due</translation>
    </message>
    <message>
        <source>实发金额</source>
        <translation>Amount paid</translation>
    </message>
    <message>
        <source>应发日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>发放日期</source>
        <translation>Payment date</translation>
    </message>
    <message>
        <source>发放方式</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>代发银行</source>
        <translation>Paying bank</translation>
    </message>
    <message>
        <source>银行账号</source>
        <translation>Account number</translation>
    </message>
    <message>
        <source>账户户名</source>
        <translation>Account holder</translation>
    </message>
    <message>
        <source>账户身份证号</source>
        <translation>Account holder&apos;s ID number</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Remark</translation>
    </message>
    <message>
        <source>一卡通</source>
        <translation>One Card</translation>
    </message>
    <message>
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>银行卡</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <source>人</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>户</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>销号审批表</source>
        <translation>Closure approval form</translation>
    </message>
    <message>
        <source>移交函</source>
        <translation>Transfer letter</translation>
    </message>
    <message>
        <source>整改通知书</source>
        <translation>Rectification notice</translation>
    </message>
    <message>
        <source>整治内容</source>
        <translation>Campaign item</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Problem description</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>主管部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>涉及人员</source>
        <translation>Persons involved</translation>
    </message>
    <message>
        <source>涉及金额(元)</source>
        <translation>Amount involved (yuan)</translation>
    </message>
    <message>
        <source>整改责任单位</source>
        <translation>Office responsible for rectification</translation>
    </message>
    <message>
        <source>整改责任人</source>
        <translation>Person responsible for rectification</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Rectification measures</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Handling deadline</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>处理人数</source>
        <translation>Persons dealt with</translation>
    </message>
    <message>
        <source>主动说明</source>
        <translation>Came forward</translation>
    </message>
    <message>
        <source>退赔</source>
        <translation>Repaid</translation>
    </message>
    <message>
        <source>线索来源</source>
        <translation>Lead source</translation>
    </message>
    <message>
        <source>线索编号</source>
        <translation>Lead number</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Date received</translation>
    </message>
    <message>
        <source>举报渠道</source>
        <translation>Complaint channel</translation>
    </message>
    <message>
        <source>举报人</source>
        <translation>Complainant</translation>
    </message>
    <message>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>举报内容</source>
        <translation>Complaint details</translation>
    </message>
    <message>
        <source>被反映人员</source>
        <translation>Persons complained about</translation>
    </message>
    <message>
        <source>办理情况</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <source>追回金额</source>
        <translation>Amount recovered</translation>
    </message>
    <message>
        <source>追回日期</source>
        <translation>Date recovered</translation>
    </message>
    <message>
        <source>移交日期</source>
        <translation>Transfer date</translation>
    </message>
    <message>
        <source>未张贴</source>
        <translation>Not posted</translation>
    </message>
    <message>
        <source>公示中</source>
        <translation>Notice running</translation>
    </message>
    <message>
        <source>公示期满</source>
        <translation>Notice period over</translation>
    </message>
    <message>
        <source>无公示</source>
        <translation>No notice</translation>
    </message>
    <message>
        <source>部分公示</source>
        <translation>Partly publicised</translation>
    </message>
    <message>
        <source>张贴过晚</source>
        <translation>Posted too late</translation>
    </message>
    <message>
        <source>已公示</source>
        <translation>Publicised</translation>
    </message>
    <message>
        <source>状态名单</source>
        <translation>Status list</translation>
    </message>
    <message>
        <source>财政供养人员</source>
        <translation>State-paid staff</translation>
    </message>
    <message>
        <source>村干部及近亲属</source>
        <translation>Village cadres and close relatives</translation>
    </message>
    <message>
        <source>入户核查</source>
        <translation>Field checks</translation>
    </message>
    <message>
        <source>银行回盘</source>
        <translation>Bank payment returns</translation>
    </message>
    <message>
        <source>本单位没有该项目的发放数据</source>
        <translation>This office has no payments of this program</translation>
    </message>
    <message>
        <source>受益人数</source>
        <translation>Beneficiaries</translation>
    </message>
    <message>
        <source>受益户数</source>
        <translation>Beneficiary households</translation>
    </message>
    <message>
        <source>发放笔数</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>发放金额合计</source>
        <translation>Total amount paid</translation>
    </message>
    <message>
        <source>一卡通发放</source>
        <extracomment>The 底数 rows per 发放方式 (basics.METHOD_LABELS + 发放, as on paper).</extracomment>
        <translation>Paid through the One Card</translation>
    </message>
    <message>
        <source>现金发放</source>
        <translation>Paid in cash</translation>
    </message>
    <message>
        <source>其他发放</source>
        <translation>Paid otherwise</translation>
    </message>
    <message>
        <source>代理银行</source>
        <translation>Agent banks</translation>
    </message>
    <message>
        <source>一卡通账户（卡）数</source>
        <translation>One Card accounts (cards)</translation>
    </message>
    <message>
        <source>“姓名”列</source>
        <translation>a “Name” column</translation>
    </message>
    <message>
        <source>“身份证号”列</source>
        <translation>an “ID number” column</translation>
    </message>
    <message>
        <source>“补贴项目”列（或用 --program 指定）</source>
        <translation>a “Subsidy program” column (or give --program)</translation>
    </message>
    <message>
        <source>“补贴期间”或“补贴年度”列（或用 --period 指定）</source>
        <translation>a “Subsidy period” or “Subsidy year” column (or give --period)</translation>
    </message>
    <message>
        <source>“实发金额”或“应发金额”列</source>
        <translation>an “Amount paid” or “Amount due” column</translation>
    </message>
    <message>
        <source>手动备份</source>
        <translation>Manual backup</translation>
    </message>
    <message>
        <source>每日自动</source>
        <translation>Daily, automatic</translation>
    </message>
    <message>
        <source>恢复前</source>
        <translation>Before a restore</translation>
    </message>
    <message>
        <source>合并项目前</source>
        <translation>Before merging programs</translation>
    </message>
    <message>
        <source>导入花名册前</source>
        <translation>Before importing a roster</translation>
    </message>
    <message>
        <source>导入死亡/迁出名单前</source>
        <translation>Before importing a deceased/moved-out list</translation>
    </message>
    <message>
        <source>导入财政供养人员前</source>
        <translation>Before importing state-paid staff</translation>
    </message>
    <message>
        <source>导入村干部名单前</source>
        <translation>Before importing village cadres</translation>
    </message>
    <message>
        <source>导入应享名单前</source>
        <translation>Before importing an eligible list</translation>
    </message>
    <message>
        <source>导入资金拨付前</source>
        <translation>Before importing fund allocations</translation>
    </message>
    <message>
        <source>导入银行回盘前</source>
        <translation>Before importing bank payment returns</translation>
    </message>
    <message>
        <source>导入入户核查前</source>
        <translation>Before importing field checks</translation>
    </message>
    <message>
        <source>导入数据包前</source>
        <translation>Before importing a package</translation>
    </message>
    <message>
        <source>有问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <source>无问题</source>
        <translation>No problems</translation>
    </message>
    <message>
        <source>自动识别</source>
        <translation>Detected</translation>
    </message>
    <message>
        <source>按记住的对应</source>
        <translation>As remembered</translation>
    </message>
    <message>
        <source>本次指定</source>
        <translation>Chosen this time</translation>
    </message>
    <message>
        <source>（仅纪检人员可见）</source>
        <translation>(visible to discipline inspectors only)</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>线索移交 {0}</source>
        <translation>Transfer lead {0}</translation>
    </message>
    <message>
        <source>如 呼财监〔2019〕12号</source>
        <translation>e.g. the number on the transfer letter</translation>
    </message>
    <message>
        <source>接收机关</source>
        <translation>Receiving authority</translation>
    </message>
    <message>
        <source>移交日期</source>
        <translation>Transfer date</translation>
    </message>
    <message>
        <source>移交文号</source>
        <extracomment>Fields services.ledger names (in Chinese) when it refuses them: shown translated, keyed by the Chinese.</extracomment>
        <translation>Transfer document number</translation>
    </message>
    <message>
        <source>移交</source>
        <translation>Transfer</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <source>乡镇</source>
        <extracomment>Digits of the fingerprint that must be read out at the least.</extracomment>
        <translation>township</translation>
    </message>
    <message>
        <source>县</source>
        <translation>county</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>department</translation>
    </message>
    <message>
        <source>州（市）</source>
        <translation>prefecture (city)</translation>
    </message>
    <message>
        <source>信任对方公钥</source>
        <translation>Trust another office&apos;s key</translation>
    </message>
    <message>
        <source>公钥文件 {0}。信任前请与对方当面或电话核对签名密钥指纹：不一致的密钥可能被人调换过，不要信任。</source>
        <translation>Public key file {0}. Before trusting it, compare the signing key fingerprint with the other office in person or by phone: a key that differs may have been swapped; do not trust it.</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>对方电话中念出的指纹（至少前 {0} 位，空格可省略）</source>
        <translation>The fingerprint read out on the phone (at least the first {0} digits, spaces optional)</translation>
    </message>
    <message>
        <source>已当面核对（对方当面出示的指纹与上面一致）</source>
        <translation>Compared in person (the fingerprint shown in person matches the one above)</translation>
    </message>
    <message>
        <source>单位：</source>
        <translation>Office:</translation>
    </message>
    <message>
        <source>签名密钥指纹：</source>
        <translation>Signing key fingerprint:</translation>
    </message>
    <message>
        <source>对方告知的指纹：</source>
        <translation>Fingerprint given:</translation>
    </message>
    <message>
        <source>信任</source>
        <translation>Trust</translation>
    </message>
    <message>
        <source>已输入 {0} 位，至少要 {1} 位。</source>
        <translation>{0} digits entered; at least {1} are needed.</translation>
    </message>
    <message>
        <source>点“信任”时与文件中的指纹比对，不符则不信任。</source>
        <translation>&quot;Trust&quot; compares it with the file&apos;s fingerprint and does not trust a key that differs.</translation>
    </message>
    <message>
        <source>请输入对方告知的指纹，或勾选“已当面核对”。</source>
        <translation>Enter the fingerprint the other office gave, or tick &quot;Compared in person&quot;.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>数据库已加密：请输入用户名和密码打开。
{0}</source>
        <translation>The database is encrypted: type a user name and password to open it.
{0}</translation>
    </message>
</context>
<context>
    <name>UserFormDialog</name>
    <message>
        <source>用户名</source>
        <extracomment>The fields of the user form, by key.</extracomment>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>原密码</source>
        <translation>Old password</translation>
    </message>
    <message>
        <source>密码（至少 8 个字符）</source>
        <translation>Password (at least 8 characters)</translation>
    </message>
    <message>
        <source>再输入一次密码</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>原因（记入审计日志）</source>
        <translation>Reason (kept in the audit log)</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>password</translation>
    </message>
</context>
<context>
    <name>UsersBox</name>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>上次登录</source>
        <translation>Last login</translation>
    </message>
    <message>
        <source>添加用户…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <source>设置密码…</source>
        <translation>Set password…</translation>
    </message>
    <message>
        <source>停用…</source>
        <translation>Disable…</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>还没有用户：第一个添加的用户是管理员，添加后本窗口即以其身份登录。</source>
        <translation>No users yet: the first user added is the administrator, and this window logs in as them at once.</translation>
    </message>
    <message>
        <source>添加用户</source>
        <translation>Add user</translation>
    </message>
    <message>
        <source>已添加用户“{0}”（{1}）。</source>
        <translation>Added user “{0}” ({1}).</translation>
    </message>
    <message>
        <source>设置“{0}”的密码</source>
        <translation>Set the password of “{0}”</translation>
    </message>
    <message>
        <source>“{0}”的密码已修改。</source>
        <translation>The password of “{0}” was changed.</translation>
    </message>
    <message>
        <source>停用“{0}”</source>
        <translation>Disable “{0}”</translation>
    </message>
    <message>
        <source>“{0}”已停用。</source>
        <translation>“{0}” is disabled.</translation>
    </message>
</context>
<context>
    <name>VerifySheetDialog</name>
    <message>
        <source>生成核实表</source>
        <translation>Make verification sheet</translation>
    </message>
    <message>
        <source>把一个村的全部待核实问题写成核实表（身份证号遮蔽），发给村里逐条核实。</source>
        <translation>Write all of a village&apos;s findings to verify into a verification sheet (ID numbers masked) for the village to verify one by one.</translation>
    </message>
    <message>
        <source>{0}（{1} 条待核实）</source>
        <translation>{0} ({1} to verify)</translation>
    </message>
    <message>
        <source>村（社区）：</source>
        <translation>Village (community):</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>保存为：</source>
        <translation>Save as:</translation>
    </message>
    <message>
        <source>生成</source>
        <translation>Make</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>核实表_{0}</source>
        <translation>verification sheet_{0}</translation>
    </message>
    <message>
        <source>保存核实表</source>
        <translation>Save verification sheet</translation>
    </message>
</context>
<context>
    <name>VoidBatchDialog</name>
    <message>
        <source>作废导入批次</source>
        <translation>Void import batch</translation>
    </message>
    <message>
        <source>作废“{0}”这次导入的全部记录。</source>
        <translation>Void every record of the import “{0}”.</translation>
    </message>
    <message>
        <source>作废不会删除记录：原记录保留在历史中，可以查到。</source>
        <translation>Voiding deletes nothing: the original records stay in the history and can still be found.</translation>
    </message>
    <message>
        <source>作废原因：</source>
        <translation>Reason for voiding:</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
</context>
<context>
    <name>VoidRecordDialog</name>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>作废所选的这笔发放记录</source>
        <translation>Void the selected payment record</translation>
    </message>
    <message>
        <source>作废此人</source>
        <translation>Void this person</translation>
    </message>
    <message>
        <source>连同此人全部有效的发放记录一起作废</source>
        <translation>Also void all of this person&apos;s valid payment records</translation>
    </message>
    <message>
        <source>作废不会删除记录：原记录保留在历史中，可以查到。</source>
        <translation>Voiding deletes nothing: the original records stay in the history and can still be found.</translation>
    </message>
    <message>
        <source>作废原因：</source>
        <translation>Reason for voiding:</translation>
    </message>
</context>
<context>
    <name>_CredentialsDialog</name>
    <message>
        <source>登录</source>
        <extracomment>Set when the clerk ticked 不再提示 in the first-admin offer.</extracomment>
        <translation>Log in</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
