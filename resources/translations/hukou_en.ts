<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ApplicantPage</name>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>公民身份号码(&amp;I)：</source>
        <translation>&amp;ID number:</translation>
    </message>
    <message>
        <source>出生日期 / 性别：</source>
        <translation>Birth date / sex:</translation>
    </message>
    <message>
        <source>姓名(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>曾用名：</source>
        <translation>Former name:</translation>
    </message>
    <message>
        <source>民族：</source>
        <translation>Ethnic group:</translation>
    </message>
    <message>
        <source>婚姻状况：</source>
        <translation>Marital status:</translation>
    </message>
    <message>
        <source>出生地：</source>
        <translation>Birthplace:</translation>
    </message>
    <message>
        <source>文化程度：</source>
        <translation>Education:</translation>
    </message>
    <message>
        <source>职业：</source>
        <translation>Occupation:</translation>
    </message>
    <message>
        <source>服务处所：</source>
        <translation>Workplace:</translation>
    </message>
    <message>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>现户口所在地：</source>
        <translation>Current hukou address:</translation>
    </message>
    <message>
        <source>迁出地：</source>
        <translation>Moving from:</translation>
    </message>
    <message>
        <source>先输入公民身份号码，出生日期、性别和出生地将自动填写。姓名可含少数民族文字和间隔号“·”。</source>
        <translation>Type the ID number first: birth date, sex and birthplace fill in from it. Names may contain minority scripts and the separator &quot;·&quot;.</translation>
    </message>
    <message>
        <source>18位，末位可为X</source>
        <translation>18 characters, the last may be X</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>电话号码只能包含数字、+ 和 -</source>
        <translation>A phone number has digits, + and - only</translation>
    </message>
    <message>
        <source>{birth}，{sex}</source>
        <translation>{birth}, {sex}</translation>
    </message>
    <message>
        <source>男</source>
        <translation>male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>female</translation>
    </message>
    <message>
        <source>（由公民身份号码得出）</source>
        <translation>(from the ID number)</translation>
    </message>
</context>
<context>
    <name>ApprovalsPage</name>
    <message>
        <source>待审批案件</source>
        <translation>Cases waiting for approval</translation>
    </message>
    <message>
        <source>回车或双击打开案件，在案件页批准、退回或不予受理。本人受理的案件须由另一位审核领导审批。</source>
        <translation>Press Enter or double-click to open a case; approve, return or refuse it there. Cases you took in yourself need another supervisor.</translation>
    </message>
    <message>
        <source>共 {n} 件</source>
        <translation>{n} case(s)</translation>
    </message>
</context>
<context>
    <name>AssessmentPanel</name>
    <message>
        <source>实时评估</source>
        <translation>Live assessment</translation>
    </message>
    <message>
        <source>最早可于 {date} 办理</source>
        <translation>Possible from {date}</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Grounds</translation>
    </message>
    <message>
        <source>尚缺材料（共 {n} 项）</source>
        <translation>Missing documents ({n})</translation>
    </message>
    <message>
        <source>以下任选其一：</source>
        <translation>Any one of: </translation>
    </message>
    <message>
        <source>尚需回答</source>
        <translation>Still to answer</translation>
    </message>
    <message>
        <source>申请人本人是否自愿申请落户</source>
        <translation>The applicant&apos;s own request to settle</translation>
    </message>
    <message>
        <source>随迁人员</source>
        <translation>Family</translation>
    </message>
    <message>
        <source>（未填姓名）</source>
        <translation>(no name yet)</translation>
    </message>
    <message>
        <source>可落户地</source>
        <translation>Where the person may register</translation>
    </message>
    <message>
        <source>后续事项</source>
        <translation>Follow-ups</translation>
    </message>
</context>
<context>
    <name>CaseDetailPage</name>
    <message>
        <source>案件信息</source>
        <translation>Case data</translation>
    </message>
    <message>
        <source>评估结果</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>已打印文书</source>
        <translation>Printed documents</translation>
    </message>
    <message>
        <source>办理记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>文书</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Serial</translation>
    </message>
    <message>
        <source>打印时间</source>
        <translation>Printed at</translation>
    </message>
    <message>
        <source>打印人</source>
        <translation>Printed by</translation>
    </message>
    <message>
        <source>补打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>补打所选文书(&amp;R)</source>
        <translation>&amp;Reprint the selected document</translation>
    </message>
    <message>
        <source>办理</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>修改 / 补充材料(&amp;E)</source>
        <translation>&amp;Edit / add documents</translation>
    </message>
    <message>
        <source>提交审批(&amp;U)</source>
        <translation>S&amp;ubmit for approval</translation>
    </message>
    <message>
        <source>批准(&amp;A)</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <source>退回或不予受理的原因（必填，将印在通知上）</source>
        <translation>Reason for returning or refusing (required; printed on the notice)</translation>
    </message>
    <message>
        <source>退回(&amp;T)</source>
        <translation>Re&amp;turn</translation>
    </message>
    <message>
        <source>不予受理(&amp;F)</source>
        <translation>Re&amp;fuse</translation>
    </message>
    <message>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>登记落户完成(&amp;G)</source>
        <translation>Re&amp;gistration done</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>这是您本人受理的案件，须由另一位审核领导审批。</source>
        <translation>You took this case in yourself: another supervisor must decide it.</translation>
    </message>
    <message>
        <source>正在读取案件…</source>
        <translation>Reading the case…</translation>
    </message>
    <message>
        <source>案件 {number}</source>
        <translation>Case {number}</translation>
    </message>
    <message>
        <source>落户类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>受理辖区</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Intake date</translation>
    </message>
    <message>
        <source>受理人</source>
        <translation>Taken in by</translation>
    </message>
    <message>
        <source>本人自愿申请</source>
        <translation>Own request</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>落户地</source>
        <translation>Registered at</translation>
    </message>
    <message>
        <source>审批意见</source>
        <translation>Decision note</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Persons</translation>
    </message>
    <message>
        <source>关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>公民身份号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <source>婚姻状况</source>
        <translation>Marital status</translation>
    </message>
    <message>
        <source>现户口所在地</source>
        <translation>Current hukou address</translation>
    </message>
    <message>
        <source>男</source>
        <translation>male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>female</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>Facts</translation>
    </message>
    <message>
        <source>已交材料（{n} 项）</source>
        <translation>Documents presented ({n})</translation>
    </message>
    <message>
        <source>（附扫描件）</source>
        <translation> (scan attached)</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>请先在表中选择要补打的文书</source>
        <translation>Select the document to reprint in the table first</translation>
    </message>
    <message>
        <source>正在生成文书…</source>
        <translation>Producing the document…</translation>
    </message>
</context>
<context>
    <name>CaseHistoryView</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>办理人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>What was done</translation>
    </message>
    <message>
        <source>此案件在本机没有办理记录（例如批量导入的演示数据）。</source>
        <translation>This case has no history on this computer (for example, demo data imported in bulk).</translation>
    </message>
    <message>
        <source>总部</source>
        <translation>Headquarters</translation>
    </message>
    <message>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>申请人信息</source>
        <translation>applicant</translation>
    </message>
    <message>
        <source>随迁人员</source>
        <translation>accompanying people</translation>
    </message>
    <message>
        <source>申请情况</source>
        <translation>facts</translation>
    </message>
    <message>
        <source>已交材料</source>
        <translation>documents presented</translation>
    </message>
    <message>
        <source>自愿申请确认</source>
        <translation>voluntary request</translation>
    </message>
    <message>
        <source>落户地</source>
        <translation>placement</translation>
    </message>
    <message>
        <source>落户类别</source>
        <translation>category</translation>
    </message>
    <message>
        <source>辖区</source>
        <translation>area</translation>
    </message>
    <message>
        <source>政策文件</source>
        <translation>policy document</translation>
    </message>
    <message>
        <source>政策版本</source>
        <translation>policy version</translation>
    </message>
    <message>
        <source>提交审批</source>
        <translation>Submitted for approval</translation>
    </message>
    <message>
        <source>受理，待补材料</source>
        <translation>Accepted, awaiting documents</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>不予受理</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>登记落户完成</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>撤回申请</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>重新修改</source>
        <translation>Reopened for editing</translation>
    </message>
    <message>
        <source>更改状态</source>
        <translation>Status changed</translation>
    </message>
    <message>
        <source>受理，创建案件</source>
        <translation>Taken in, case created</translation>
    </message>
    <message>
        <source>材料（{titles}）</source>
        <translation>documents ({titles})</translation>
    </message>
    <message>
        <source>修改：{fields}</source>
        <translation>Edited: {fields}</translation>
    </message>
    <message>
        <source>移出集体户（总部决定未批准）</source>
        <translation>Taken off the collective household (headquarters did not approve)</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>（{n}次保存）</source>
        <translation> ({n} saves)</translation>
    </message>
    <message>
        <source>附扫描件：{document}</source>
        <translation>Scan attached: {document}</translation>
    </message>
    <message>
        <source>评估结果：{outcome}</source>
        <translation>Assessed: {outcome}</translation>
    </message>
    <message>
        <source>补打{kind}</source>
        <translation>Reprinted {kind}</translation>
    </message>
    <message>
        <source>打印{kind}</source>
        <translation>Printed {kind}</translation>
    </message>
    <message>
        <source>{old} → {new}</source>
        <translation>{old} → {new}</translation>
    </message>
    <message>
        <source>总部决定：{verb}（{change}）</source>
        <translation>Headquarters&apos; decision: {verb} ({change})</translation>
    </message>
    <message>
        <source>，决定人：{name}</source>
        <translation>, decided by {name}</translation>
    </message>
    <message>
        <source>登记入集体户</source>
        <translation>Entered in the collective household</translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <source>全部案件</source>
        <translation>All cases</translation>
    </message>
    <message>
        <source>案件编号、公民身份号码、姓名或地址</source>
        <translation>Case number, ID number, name or address</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>Any category</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Intake date</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>any</translation>
    </message>
    <message>
        <source>共 {n} 件</source>
        <translation>{n} case(s)</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>公民身份号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>落户类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Persons</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Intake date</translation>
    </message>
</context>
<context>
    <name>CategoryPage</name>
    <message>
        <source>落户类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>适用政策：{title}（{number}）</source>
        <translation>Policy: {title} ({number})</translation>
    </message>
    <message>
        <source>受理辖区(&amp;A)：</source>
        <translation>&amp;Area:</translation>
    </message>
    <message>
        <source>查找类别(&amp;K)：</source>
        <translation>Search categories (&amp;K):</translation>
    </message>
    <message>
        <source>输入类别名称或说明中的字词</source>
        <translation>Words from the category name or description</translation>
    </message>
    <message>
        <source>请选择一个落户类别</source>
        <translation>Choose a settlement category</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>审批结果</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>整个变更（总部拒收）</source>
        <translation>Whole change (refused by HQ)</translation>
    </message>
    <message>
        <source>总部发现</source>
        <translation>Found by HQ</translation>
    </message>
    <message>
        <source>发送时</source>
        <translation>On sending</translation>
    </message>
    <message>
        <source>取回决定时</source>
        <translation>On fetching decisions</translation>
    </message>
    <message>
        <source>同步冲突</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <source>下列案件在总部和本所的记录不一致，或被总部拒收。系统不会自动覆盖任何一方：请打开案件核对，必要时与总部联系。</source>
        <translation>Headquarters and this station disagree on these cases, or HQ refused the change. Neither side is overwritten automatically: open the case to check it, and contact HQ if needed.</translation>
    </message>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>本所</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>总部</source>
        <translation>HQ</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>发现于</source>
        <translation>Found</translation>
    </message>
    <message>
        <source>没有冲突。</source>
        <translation>No conflicts.</translation>
    </message>
    <message>
        <source>打开案件(&amp;O)</source>
        <translation>&amp;Open case</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>材料核对</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>逐项勾选申请人当场提交的材料（空格键勾选）。“任选其一”的材料交其中一种即可。可附扫描件。</source>
        <translation>Tick each document the applicant presents (Space ticks). For &quot;any one of&quot;, one suffices. Scans may be attached.</translation>
    </message>
    <message>
        <source>请先更正前面步骤中的错误：{error}</source>
        <translation>Correct the earlier steps first: {error}</translation>
    </message>
    <message>
        <source>以下任选其一（{cite}）</source>
        <translation>Any one of these ({cite})</translation>
    </message>
    <message>
        <source>附扫描件…</source>
        <translation>Attach scan…</translation>
    </message>
    <message>
        <source>选择扫描件</source>
        <translation>Choose a scan</translation>
    </message>
    <message>
        <source>扫描件 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
        <translation>Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>连接总部</source>
        <translation>Connect to headquarters</translation>
    </message>
    <message>
        <source>填写总部的地址和总部为本所（{name}，代码 {code}）发放的一次性登记码。连接后，本所的案件会自动发送到总部，审批结果和政策更新也会自动取回。</source>
        <translation>Enter headquarters&apos; address and the one-time code HQ issued for this station ({name}, code {code}). Once connected, the station&apos;s cases go to HQ by themselves, and decisions and policy updates come back.</translation>
    </message>
    <message>
        <source>总部地址(&amp;H)：</source>
        <translation>&amp;Headquarters address:</translation>
    </message>
    <message>
        <source>登记码(&amp;C)：</source>
        <translation>Enrolment &amp;code:</translation>
    </message>
    <message>
        <source>总部打印的一次性登记码，每个只能用一次</source>
        <translation>the one-time code HQ printed; each works once</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>正在读取本所的登记情况…</source>
        <translation>Reading this station&apos;s enrolment…</translation>
    </message>
    <message>
        <source>本所尚未连接总部。</source>
        <translation>This station is not connected to headquarters yet.</translation>
    </message>
    <message>
        <source>本所已连接总部：{url}</source>
        <translation>This station is connected to headquarters: {url}</translation>
    </message>
    <message>
        <source>总部密钥指纹：{fingerprint}</source>
        <translation>HQ key fingerprint: {fingerprint}</translation>
    </message>
    <message>
        <source>请与总部提供的指纹逐组核对；不一致时不要使用此连接，并告知总部。</source>
        <translation>Compare it group by group with the fingerprint HQ gives you; if they differ, do not use this connection and tell HQ.</translation>
    </message>
    <message>
        <source>重新登记(&amp;O)</source>
        <translation>Enrol &amp;again</translation>
    </message>
    <message>
        <source>连接(&amp;O)</source>
        <translation>C&amp;onnect</translation>
    </message>
    <message>
        <source>请输入完整地址，以 http:// 或 https:// 开头，如 {example}</source>
        <translation>Enter the full address, starting with http:// or https://, e.g. {example}</translation>
    </message>
    <message>
        <source>登记码为{low}至{high}位字母或数字，请照总部打印的抄写</source>
        <translation>The code is {low} to {high} letters or digits; copy it as HQ printed it</translation>
    </message>
    <message>
        <source>正在连接总部…</source>
        <translation>Connecting to headquarters…</translation>
    </message>
    <message>
        <source>已连接总部。本所的案件即将开始同步，状态栏显示进度。</source>
        <translation>Connected to headquarters. The station&apos;s cases start syncing now; the status bar shows the progress.</translation>
    </message>
    <message>
        <source>连不上这个地址的总部：请检查地址和端口是否正确、网络是否连通、总部服务是否在运行。</source>
        <translation>Headquarters does not answer at this address: check the address and port, the network, and that the HQ service is running.</translation>
    </message>
    <message>
        <source>这个地址有服务应答，但不是总部的同步服务（HTTP {status}）：请核对地址和端口。</source>
        <translation>Something answers at this address, but it is not the HQ sync service (HTTP {status}): check the address and port.</translation>
    </message>
</context>
<context>
    <name>FactsPage</name>
    <message>
        <source>日期格式为 YYYY-MM-DD，如 2024-05-06</source>
        <translation>Write the date as YYYY-MM-DD, e.g. 2024-05-06</translation>
    </message>
    <message>
        <source>请输入数字</source>
        <translation>Enter a number</translation>
    </message>
    <message>
        <source>不能小于 {n}</source>
        <translation>At least {n}</translation>
    </message>
    <message>
        <source>不能大于 {n}</source>
        <translation>At most {n}</translation>
    </message>
    <message>
        <source>情况询问</source>
        <translation>Questions</translation>
    </message>
    <message>
        <source>询问申请人以下情况。问题会随已填的回答出现或隐去。</source>
        <translation>Ask the applicant these questions. Questions appear and disappear as answers change.</translation>
    </message>
    <message>
        <source>此类别无需询问其他情况，请按“下一步”。</source>
        <translation>This category asks no further questions; press Next.</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
</context>
<context>
    <name>FamilyPage</name>
    <message>
        <source>随迁人员</source>
        <translation>Family</translation>
    </message>
    <message>
        <source>一同迁入的配偶、子女、父母等。每人下方显示政策是否允许随迁及依据。</source>
        <translation>Spouse, children, parents and others moving in too. Under each person: whether the policy allows it, and why.</translation>
    </message>
    <message>
        <source>添加随迁人员(&amp;J)</source>
        <translation>Add person (&amp;J)</translation>
    </message>
    <message>
        <source>无随迁人员。如有，请按“添加随迁人员”。</source>
        <translation>Nobody comes along. To add someone, press &quot;Add person&quot;.</translation>
    </message>
</context>
<context>
    <name>FamilyRow</name>
    <message>
        <source>关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>公民身份号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>婚姻状况</source>
        <translation>Marital status</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>与申请人共同居住生活</source>
        <translation>Lives with the applicant</translation>
    </message>
    <message>
        <source>移除此人</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>✔ 可随迁</source>
        <translation>✔ may come along</translation>
    </message>
    <message>
        <source>✘ 不可随迁</source>
        <translation>✘ may not come along</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>户籍窗口受理台</source>
        <extracomment>Text as wide as each column&apos;s usual content, so an empty table is laid out as a full one.</extracomment>
        <translation>Hukou Counter</translation>
    </message>
    <message>
        <source>新建案件 (Ctrl+N)</source>
        <translation>New case (Ctrl+N)</translation>
    </message>
    <message>
        <source>工作概况（点击查看）</source>
        <translation>Work at a glance (click to list)</translation>
    </message>
    <message>
        <source>查找案件(&amp;F)：</source>
        <translation>&amp;Find a case:</translation>
    </message>
    <message>
        <source>输入案件编号、公民身份号码（全部或后6位）、姓名或地址</source>
        <translation>Case number, ID number (whole or last 6), name or address</translation>
    </message>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>公民身份号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>落户类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Intake date</translation>
    </message>
    <message>
        <source>最近受理的案件。按 Ctrl+F 随时回到查找框；↓ 进入列表，回车打开。</source>
        <translation>The newest cases. Ctrl+F returns to the search box; ↓ moves into the list, Enter opens.</translation>
    </message>
    <message>
        <source>没有找到符合条件的案件。</source>
        <translation>No case matches.</translation>
    </message>
    <message>
        <source>找到 {n} 件（最多显示 {limit} 件）。</source>
        <translation>{n} found (at most {limit} shown).</translation>
    </message>
</context>
<context>
    <name>HouseholdEditDialog</name>
    <message>
        <source>新增集体户</source>
        <translation>New collective household</translation>
    </message>
    <message>
        <source>修改集体户</source>
        <translation>Edit collective household</translation>
    </message>
    <message>
        <source>修改集体户 {number}</source>
        <translation>Edit collective household {number}</translation>
    </message>
    <message>
        <source>类型(&amp;K)：</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>户名(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>户号(&amp;H)：</source>
        <translation>&amp;Household number:</translation>
    </message>
    <message>
        <source>住址(&amp;A)：</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>管理单位(&amp;M)：</source>
        <translation>&amp;Managing unit:</translation>
    </message>
    <message>
        <source>已有成员入户，类型不能再改</source>
        <translation>The household has members, so its kind can no longer change</translation>
    </message>
    <message>
        <source>如 聊城市人民医院集体户</source>
        <translation>e.g. 聊城市人民医院集体户</translation>
    </message>
    <message>
        <source>字母、数字或横线，如 371502001</source>
        <translation>Letters, digits or hyphens, e.g. 371502001</translation>
    </message>
    <message>
        <source>如 东昌府区东昌西路67号</source>
        <translation>e.g. 东昌府区东昌西路67号</translation>
    </message>
    <message>
        <source>如 医院人事科（可不填）</source>
        <translation>e.g. the hospital&apos;s personnel office (optional)</translation>
    </message>
    <message>
        <source>停用此集体户（不再接收新落户）(&amp;S)</source>
        <translation>Clo&amp;se this household (no new placements)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>请填写户名</source>
        <translation>Enter the household&apos;s name</translation>
    </message>
    <message>
        <source>请填写住址</source>
        <translation>Enter the household&apos;s address</translation>
    </message>
    <message>
        <source>“{chars}”无法打印在集体户口页上（字库中没有），请改用规范字</source>
        <translation>“{chars}” cannot be printed on the collective-household page (not in the fonts): use the standard character</translation>
    </message>
    <message>
        <source>请填写户号</source>
        <translation>Enter the household number</translation>
    </message>
    <message>
        <source>户号只能包含字母、数字和横线，最多32位</source>
        <translation>The household number may contain letters, digits and hyphens, at most 32</translation>
    </message>
    <message>
        <source>户号{number}已被另一集体户使用</source>
        <translation>Household number {number} belongs to another household</translation>
    </message>
</context>
<context>
    <name>HouseholdsDialog</name>
    <message>
        <source>在用</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>{name}的成员（按户口页）</source>
        <translation>Members of {name} (by register page)</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>集体户登记簿</source>
        <translation>Collective household register</translation>
    </message>
    <message>
        <source>本所集体户</source>
        <translation>The station&apos;s collective households</translation>
    </message>
    <message>
        <source>单位、学校、人才市场集体户和社区公共户。受理时“落户地”从这里选择；批准后落户人员按户口页登记在户内。</source>
        <translation>Unit, school, talent-market collective households and community public households. The intake&apos;s placement is chosen from here; once approved, each person is entered on a page of the household.</translation>
    </message>
    <message>
        <source>显示已停用的(&amp;C)</source>
        <translation>Show &amp;closed ones</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>户名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>管理单位</source>
        <translation>Managing unit</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>户口页</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>入户时间</source>
        <translation>Entered</translation>
    </message>
    <message>
        <source>尚无成员入户。</source>
        <translation>No members yet.</translation>
    </message>
    <message>
        <source>新增集体户(&amp;N)…</source>
        <translation>&amp;New household…</translation>
    </message>
    <message>
        <source>修改(&amp;E)…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已保存集体户 {name}（{number}）</source>
        <translation>Saved collective household {name} ({number})</translation>
    </message>
</context>
<context>
    <name>IntakeWizard</name>
    <message>
        <source>新建案件</source>
        <translation>New case</translation>
    </message>
    <message>
        <source>案件 {number}</source>
        <translation>Case {number}</translation>
    </message>
    <message>
        <source>上一步(&amp;B)</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <source>下一步 (Enter)</source>
        <translation>Next (Enter)</translation>
    </message>
    <message>
        <source>保存草稿 (Ctrl+S)</source>
        <translation>Save draft (Ctrl+S)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>有未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>草稿已保存</source>
        <translation>Draft saved</translation>
    </message>
    <message>
        <source>选择类别后开始保存草稿</source>
        <translation>The draft is saved once a category is chosen</translation>
    </message>
    <message>
        <source>请先完成本页标红的项目，再进入下一步。</source>
        <translation>Complete the items marked in red on this page to go on.</translation>
    </message>
    <message>
        <source>未能保存：{error}</source>
        <translation>Not saved: {error}</translation>
    </message>
    <message>
        <source>正在保存扫描件…</source>
        <translation>Saving the scan…</translation>
    </message>
    <message>
        <source>正在受理并生成文书…</source>
        <translation>Accepting the case and producing the document…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>屏幕已锁定，请输入密码继续</source>
        <translation>The screen is locked: type your password to continue</translation>
    </message>
    <message>
        <source>退出程序</source>
        <translation>Quit the program</translation>
    </message>
    <message>
        <source>户籍窗口受理台</source>
        <translation>Hukou Counter</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>{name}（{code}）</source>
        <translation>{name} ({code})</translation>
    </message>
    <message>
        <source>用户名(&amp;U)：</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>只有锁定屏幕的用户才能解锁</source>
        <translation>Only the user who locked the screen can unlock it</translation>
    </message>
    <message>
        <source>登录失败：{error}</source>
        <translation>Sign-in failed: {error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>全部案件</source>
        <translation>All cases</translation>
    </message>
    <message>
        <source>待审批</source>
        <translation>Approvals</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>查看(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>界面语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>新建案件(&amp;N)</source>
        <translation>&amp;New case</translation>
    </message>
    <message>
        <source>查找案件(&amp;S)</source>
        <translation>&amp;Search cases</translation>
    </message>
    <message>
        <source>保存草稿(&amp;D)</source>
        <translation>Save &amp;draft</translation>
    </message>
    <message>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>锁定屏幕(&amp;L)</source>
        <translation>&amp;Lock screen</translation>
    </message>
    <message>
        <source>设置(&amp;E)…</source>
        <translation>S&amp;ettings…</translation>
    </message>
    <message>
        <source>用户管理(&amp;U)…</source>
        <translation>&amp;Users…</translation>
    </message>
    <message>
        <source>集体户登记簿(&amp;K)…</source>
        <translation>Collective households (&amp;K)…</translation>
    </message>
    <message>
        <source>导出数据包交总部(&amp;B)…</source>
        <translation>Export &amp;bundle for HQ…</translation>
    </message>
    <message>
        <source>导入总部回执(&amp;R)…</source>
        <translation>Import HQ &amp;reply file…</translation>
    </message>
    <message>
        <source>立即同步(&amp;Y)</source>
        <translation>S&amp;ync now</translation>
    </message>
    <message>
        <source>同步冲突(&amp;C)…</source>
        <translation>Sync &amp;conflicts…</translation>
    </message>
    <message>
        <source>连接总部(&amp;Q)…</source>
        <translation>Connect to H&amp;Q…</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>首页(&amp;H)</source>
        <translation>&amp;Home</translation>
    </message>
    <message>
        <source>全部案件(&amp;C)</source>
        <translation>All &amp;cases</translation>
    </message>
    <message>
        <source>待审批(&amp;A)</source>
        <translation>&amp;Approvals</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>当前用户：{name}（{role}）</source>
        <translation>User: {name} ({role})</translation>
    </message>
    <message>
        <source>派出所：{name}（{code}）</source>
        <translation>Station: {name} ({code})</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>户籍窗口受理台 {version}
派出所户籍窗口落户受理、材料核对、审批与打印。</source>
        <translation>Hukou Counter {version}
Settlement intake, document checks, approval and printing for the police station counter.</translation>
    </message>
</context>
<context>
    <name>NoticeSettingsBox</name>
    <message>
        <source>文书上的派出所信息</source>
        <translation>Station details printed on the notices</translation>
    </message>
    <message>
        <source>印在受理回执、一次性告知书和不予受理通知书上，告诉申请人到哪里、何时补交材料。</source>
        <translation>Printed on the acceptance receipt, the one-time notice and the refusal notice: where and when the applicant brings the documents.</translation>
    </message>
    <message>
        <source>办公地址(&amp;A)：</source>
        <translation>Office &amp;address:</translation>
    </message>
    <message>
        <source>联系电话(&amp;T)：</source>
        <translation>&amp;Telephone:</translation>
    </message>
    <message>
        <source>办公时间(&amp;O)：</source>
        <translation>&amp;Office hours:</translation>
    </message>
    <message>
        <source>行政复议机关(&amp;R)：</source>
        <translation>Administrative &amp;review body:</translation>
    </message>
    <message>
        <source>如 东昌府区柳园路88号一楼户籍窗口</source>
        <translation>e.g. 东昌府区柳园路88号一楼户籍窗口</translation>
    </message>
    <message>
        <source>如 0635-8241234</source>
        <translation>e.g. 0635-8241234</translation>
    </message>
    <message>
        <source>如 周一至周五 8:30-12:00，14:00-17:30</source>
        <translation>e.g. 周一至周五 8:30-12:00，14:00-17:30</translation>
    </message>
    <message>
        <source>不填则印：{default}</source>
        <translation>If empty, the notice reads: {default}</translation>
    </message>
    <message>
        <source>“{chars}”无法打印（字库中没有此字），请改用规范字</source>
        <translation>“{chars}” cannot be printed (not in the fonts): use the standard character</translation>
    </message>
    <message>
        <source>电话只能包含数字、横线、括号、空格和“转”</source>
        <translation>The telephone may contain digits, hyphens, brackets, spaces and 转 (extension)</translation>
    </message>
    <message>
        <source>电话号码至少{n}位数字</source>
        <translation>The telephone number needs at least {n} digits</translation>
    </message>
    <message>
        <source>请写出复议机关全称，如 聊城市公安局东昌府分局</source>
        <translation>Write the review body&apos;s full name, e.g. 聊城市公安局东昌府分局</translation>
    </message>
</context>
<context>
    <name>OfflineTransfer</name>
    <message>
        <source>导出数据包（交总部）</source>
        <translation>Export bundle (for HQ)</translation>
    </message>
    <message>
        <source>同步数据包 (*.hkb)</source>
        <translation>Sync bundle (*.hkb)</translation>
    </message>
    <message>
        <source>正在导出数据包…</source>
        <translation>Exporting the bundle…</translation>
    </message>
    <message>
        <source>已把 {n} 份案件记录（涵盖待发送的 {p} 项变更）导出到：
{path}

请用经批准的移动介质把文件交总部导入。导入总部回执之前，这些变更仍显示为待发送。</source>
        <translation>Exported {n} case record(s) (covering {p} waiting change(s)) to:
{path}

Take the file to HQ on approved transfer media for import. Until HQ&apos;s reply file is imported, these changes still show as waiting.</translation>
    </message>
    <message>
        <source>没有待发送的变更，数据包只告诉总部本所已收到哪些消息：
{path}</source>
        <translation>No changes are waiting; the bundle only tells HQ which messages this station has received:
{path}</translation>
    </message>
    <message>
        <source>数据包已导出</source>
        <translation>Bundle exported</translation>
    </message>
    <message>
        <source>导入总部回执</source>
        <translation>Import HQ reply file</translation>
    </message>
    <message>
        <source>总部回执 (*.hkr);;所有文件 (*)</source>
        <translation>HQ reply file (*.hkr);;All files (*)</translation>
    </message>
    <message>
        <source>正在导入总部回执…</source>
        <translation>Importing the HQ reply file…</translation>
    </message>
    <message>
        <source>这份回执（第 {serial} 号）已经导入过，或比已导入的更旧，本次没有改动。</source>
        <translation>This reply file (no. {serial}) was imported before, or is older than one already imported; nothing changed.</translation>
    </message>
    <message>
        <source>回执已导入过</source>
        <translation>Reply file already imported</translation>
    </message>
    <message>
        <source>总部回执第 {serial} 号已导入。</source>
        <translation>HQ reply file no. {serial} imported.</translation>
    </message>
    <message>
        <source>总部已确认收到 {n} 项待发送的变更。</source>
        <translation>HQ confirmed receipt of {n} waiting change(s).</translation>
    </message>
    <message>
        <source>带回审批结果 {n} 项。</source>
        <translation>Decisions brought back: {n}.</translation>
    </message>
    <message>
        <source>安装政策更新 {n} 份。</source>
        <translation>Policy updates installed: {n}.</translation>
    </message>
    <message>
        <source>拒收政策更新 {n} 份。</source>
        <translation>Policy updates refused: {n}.</translation>
    </message>
    <message>
        <source>总部拒收 {r} 项、新冲突 {c} 项：请在“工具 → 同步冲突”中查看。</source>
        <translation>HQ refused {r} change(s), {c} new conflict(s): see Tools → Sync conflicts.</translation>
    </message>
    <message>
        <source>仍待发送 {n} 项。</source>
        <translation>Still waiting to send: {n}.</translation>
    </message>
    <message>
        <source>回执已导入</source>
        <translation>Reply file imported</translation>
    </message>
</context>
<context>
    <name>PasswordResetDialog</name>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>重置 {name}（{login}）的密码</source>
        <translation>Reset the password of {name} ({login})</translation>
    </message>
    <message>
        <source>新密码至少{n}位，须同时包含字母和数字。重置后账号随即解锁；请把新密码当面告知本人。</source>
        <translation>The new password needs at least {n} characters with letters and digits. Resetting also unlocks the account; tell the new password to the person face to face.</translation>
    </message>
    <message>
        <source>您的当前密码(&amp;C)：</source>
        <translation>Your &amp;current password:</translation>
    </message>
    <message>
        <source>新密码(&amp;N)：</source>
        <translation>&amp;New password:</translation>
    </message>
    <message>
        <source>再次输入(&amp;A)：</source>
        <translation>Type it &amp;again:</translation>
    </message>
    <message>
        <source>保存新密码</source>
        <translation>Save new password</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>打印预览 — {title}</source>
        <translation>Print preview — {title}</translation>
    </message>
    <message>
        <source>{title}，共 {n} 页</source>
        <translation>{title}, {n} page(s)</translation>
    </message>
    <message>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>另存为PDF(&amp;S)…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>打印 {title}</source>
        <translation>Print {title}</translation>
    </message>
    <message>
        <source>另存为PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>SavingDialog</name>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>本机设置</source>
        <translation>Settings of this station</translation>
    </message>
    <message>
        <source>总部地址(&amp;H)：</source>
        <translation>&amp;Headquarters address:</translation>
    </message>
    <message>
        <source>文书打印机(&amp;D)：</source>
        <translation>&amp;Document printer:</translation>
    </message>
    <message>
        <source>登记卡打印机(&amp;K)：</source>
        <translation>Card printer (&amp;K):</translation>
    </message>
    <message>
        <source>界面语言(&amp;L)：</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>无操作自动锁屏(&amp;I)：</source>
        <translation>Lock when &amp;idle for:</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>从不</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>系统默认打印机</source>
        <translation>System default printer</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>请输入完整地址，以 http:// 或 https:// 开头</source>
        <translation>Enter a full address starting with http:// or https://</translation>
    </message>
    <message>
        <source>正在保存设置…</source>
        <translation>Saving the settings…</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>首次使用 — 设置派出所</source>
        <translation>First start — set up the station</translation>
    </message>
    <message>
        <source>设置本派出所</source>
        <translation>Set up this station</translation>
    </message>
    <message>
        <source>本机第一次使用。请填写派出所信息、选择适用的户籍政策文件和辖区，并创建第一个系统管理员账户。以后可在“设置”中修改。</source>
        <translation>This computer is used for the first time. Enter the station, choose the policy document and area that apply, and create the first administrator. You can change these later in Settings.</translation>
    </message>
    <message>
        <source>派出所</source>
        <translation>Police station</translation>
    </message>
    <message>
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>派出所代码(&amp;C)：</source>
        <translation>Station &amp;code:</translation>
    </message>
    <message>
        <source>派出所名称(&amp;N)：</source>
        <translation>Station &amp;name:</translation>
    </message>
    <message>
        <source>适用政策(&amp;P)：</source>
        <translation>&amp;Policy:</translation>
    </message>
    <message>
        <source>辖区(&amp;A)：</source>
        <translation>&amp;Area:</translation>
    </message>
    <message>
        <source>用户名(&amp;U)：</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>姓名(&amp;M)：</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>密码(&amp;W)：</source>
        <translation>Pass&amp;word:</translation>
    </message>
    <message>
        <source>再次输入密码(&amp;R)：</source>
        <translation>&amp;Repeat password:</translation>
    </message>
    <message>
        <source>4至16位字母或数字，如 370102</source>
        <translation>4–16 letters or digits, e.g. 370102</translation>
    </message>
    <message>
        <source>完成设置</source>
        <translation>Finish setup</translation>
    </message>
    <message>
        <source>派出所代码应为4至16位字母或数字</source>
        <translation>The station code has 4–16 letters or digits</translation>
    </message>
    <message>
        <source>请填写派出所名称</source>
        <translation>Enter the station name</translation>
    </message>
    <message>
        <source>用户名以字母或数字开头，最多32位字母、数字或 _ . -</source>
        <translation>The user name starts with a letter or digit: at most 32 letters, digits or _ . -</translation>
    </message>
    <message>
        <source>正在创建派出所数据库…</source>
        <translation>Creating the station database…</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>确认受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>已当面确认：申请人本人自愿申请落户(&amp;V)</source>
        <translation>Confirmed in person: the applicant asks to settle of their own &amp;volition</translation>
    </message>
    <message>
        <source>落户地(&amp;L)：</source>
        <translation>P&amp;lacement:</translation>
    </message>
    <message>
        <source>集体户(&amp;U)：</source>
        <translation>Collective &amp;household:</translation>
    </message>
    <message>
        <source>落户地址(&amp;D)：</source>
        <translation>A&amp;ddress:</translation>
    </message>
    <message>
        <source>住所地址，如 东昌府区柳园路12号3单元402室</source>
        <translation>Residence address, e.g. Room 402, Unit 3, 12 Liuyuan Road</translation>
    </message>
    <message>
        <source>（审批后再指定）</source>
        <translation>(choose after approval)</translation>
    </message>
    <message>
        <source>（本所登记簿中尚无此类集体户，审批后再指定）</source>
        <translation>(no such collective household in the register yet; assign after approval)</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>须当面确认申请人本人自愿申请落户（001 §一(二)）</source>
        <translation>Confirm in person the applicant&apos;s own request to settle (001 §一(二))</translation>
    </message>
    <message>
        <source>评估尚未完成，请更正前面步骤中的错误</source>
        <translation>The assessment is not complete: correct the earlier steps</translation>
    </message>
    <message>
        <source>请选择落户地</source>
        <translation>Choose the placement</translation>
    </message>
    <message>
        <source>案件编号：{number}</source>
        <translation>Case number: {number}</translation>
    </message>
    <message>
        <source>（保存后生成）</source>
        <translation>(given when saved)</translation>
    </message>
    <message>
        <source>落户类别：{title}</source>
        <translation>Category: {title}</translation>
    </message>
    <message>
        <source>申请人：{name}&#x3000;{id}</source>
        <translation>Applicant: {name}  {id}</translation>
    </message>
    <message>
        <source>随迁人员：{n} 人</source>
        <translation>Accompanying: {n}</translation>
    </message>
    <message>
        <source>已交材料：{n} 项</source>
        <translation>Documents presented: {n}</translation>
    </message>
    <message>
        <source>提交审核民警决定（拟不予受理）(&amp;P)</source>
        <translation>Submit to the supervisor (proposed refusal) (&amp;P)</translation>
    </message>
    <message>
        <source>受理并打印{document}(&amp;P)</source>
        <translation>Accept and &amp;print the {document}</translation>
    </message>
    <message>
        <source>受理并打印(&amp;P)</source>
        <translation>Accept and &amp;print</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>立即同步</source>
        <extracomment>How often the station syncs on its own while HQ is configured.</extracomment>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>把本所案件发送到总部，并取回审批结果和政策更新</source>
        <translation>Send this station&apos;s cases to headquarters and fetch decisions and policy updates</translation>
    </message>
    <message>
        <source>查看与总部不一致的案件</source>
        <translation>Show the cases on which HQ and this station disagree</translation>
    </message>
    <message>
        <source>冲突 {n} 项</source>
        <translation>{n} conflict(s)</translation>
    </message>
    <message>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>同步状态读取中</source>
        <translation>Reading sync status</translation>
    </message>
    <message>
        <source>未连接总部，待发送 {n} 项</source>
        <translation>Not enrolled with HQ, {n} waiting</translation>
    </message>
    <message>
        <source>离线传送，待发送 {n} 项</source>
        <translation>Offline transfer, {n} waiting</translation>
    </message>
    <message>
        <source>上次同步失败：{error}</source>
        <translation>Last sync failed: {error}</translation>
    </message>
    <message>
        <source>上次成功 {at}</source>
        <translation>last success {at}</translation>
    </message>
    <message>
        <source>总部：{url}</source>
        <translation>HQ: {url}</translation>
    </message>
    <message>
        <source>上次错误（{at}）：{error}</source>
        <translation>Last error ({at}): {error}</translation>
    </message>
    <message>
        <source>每 {n} 分钟自动同步一次</source>
        <translation>Syncs by itself every {n} minutes</translation>
    </message>
    <message>
        <source>{done}/{total} 项</source>
        <translation>{done}/{total}</translation>
    </message>
    <message>
        <source>待发送 {n} 项</source>
        <translation>{n} waiting to send</translation>
    </message>
    <message>
        <source>已全部同步</source>
        <translation>All synced</translation>
    </message>
    <message>
        <source>上次成功：{at}</source>
        <translation>Last success: {at}</translation>
    </message>
</context>
<context>
    <name>UserAddDialog</name>
    <message>
        <source>新增用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>用户名(&amp;U)：</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>姓名(&amp;M)：</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>角色(&amp;R)：</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>初始密码(&amp;W)：</source>
        <translation>Initial pass&amp;word:</translation>
    </message>
    <message>
        <source>再次输入(&amp;A)：</source>
        <translation>Type it &amp;again:</translation>
    </message>
    <message>
        <source>字母或数字开头，如 wangxy</source>
        <translation>Starts with a letter or digit, e.g. wangxy</translation>
    </message>
    <message>
        <source>密码至少{n}位，须同时包含字母和数字，不能包含用户名。请用户首次登录后自行修改。</source>
        <translation>The password needs at least {n} characters with letters and digits, and may not contain the user name. Ask the user to change it after the first sign-in.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>用户名以字母或数字开头，最多32位字母、数字或 _ . -</source>
        <translation>The user name starts with a letter or digit: at most 32 letters, digits or _ . -</translation>
    </message>
    <message>
        <source>用户名“{login}”已存在</source>
        <translation>The user name “{login}” exists already</translation>
    </message>
    <message>
        <source>请填写姓名</source>
        <translation>Enter the name</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>从未登录</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>已锁定（密码连续错误{n}次）</source>
        <translation>Locked ({n} wrong passwords)</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>启用账号(&amp;E)</source>
        <translation>&amp;Enable account</translation>
    </message>
    <message>
        <source>停用账号(&amp;D)</source>
        <translation>&amp;Disable account</translation>
    </message>
    <message>
        <source>用户管理</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>本所用户</source>
        <translation>The station&apos;s users</translation>
    </message>
    <message>
        <source>密码连续输错5次的账号会被锁定，解锁或重置密码后即可再登录。离岗人员请停用账号（不删除，办理记录仍显示其姓名）。</source>
        <translation>An account is locked after 5 wrong passwords; unlock it or reset its password to let the user back in. Disable the accounts of people who left (they are kept, so the case history still shows their names).</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>上次登录</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <source>新增用户(&amp;N)…</source>
        <translation>&amp;New user…</translation>
    </message>
    <message>
        <source>重置密码(&amp;P)…</source>
        <translation>Reset &amp;password…</translation>
    </message>
    <message>
        <source>解锁(&amp;U)</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已新增用户 {login}</source>
        <translation>User {login} added</translation>
    </message>
    <message>
        <source>已重置 {login} 的密码</source>
        <translation>Password of {login} reset</translation>
    </message>
    <message>
        <source>已停用 {login}</source>
        <translation>{login} disabled</translation>
    </message>
    <message>
        <source>已启用 {login}</source>
        <translation>{login} enabled</translation>
    </message>
    <message>
        <source>已解锁 {login}</source>
        <translation>{login} unlocked</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>户籍窗口受理台</source>
        <translation>Hukou Counter</translation>
    </message>
</context>
<context>
    <name>household</name>
    <message>
        <source>单位集体户</source>
        <translation>Unit collective household</translation>
    </message>
    <message>
        <source>学校集体户</source>
        <translation>School collective household</translation>
    </message>
    <message>
        <source>人才市场集体户</source>
        <translation>Talent-market collective household</translation>
    </message>
    <message>
        <source>社区公共户</source>
        <translation>Community public household</translation>
    </message>
</context>
<context>
    <name>marital</name>
    <message>
        <source>未婚</source>
        <translation>Unmarried</translation>
    </message>
    <message>
        <source>已婚</source>
        <translation>Married</translation>
    </message>
    <message>
        <source>离婚</source>
        <translation>Divorced</translation>
    </message>
    <message>
        <source>丧偶</source>
        <translation>Widowed</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <source>无法完成操作</source>
        <translation>Could not finish</translation>
    </message>
    <message>
        <source>程序内部错误，操作未完成。请把详细信息告知系统管理员。</source>
        <translation>An internal error stopped the operation. Please pass the details on to the administrator.</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
</context>
<context>
    <name>outcome</name>
    <message>
        <source>符合条件</source>
        <translation>Eligible</translation>
    </message>
    <message>
        <source>材料不全</source>
        <translation>Documents missing</translation>
    </message>
    <message>
        <source>暂不符合（日后可办）</source>
        <translation>Not yet (possible later)</translation>
    </message>
    <message>
        <source>不符合条件</source>
        <translation>Not eligible</translation>
    </message>
    <message>
        <source>尚未评估</source>
        <translation>Not assessed yet</translation>
    </message>
</context>
<context>
    <name>password</name>
    <message>
        <source>请输入密码</source>
        <translation>Enter a password</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>print</name>
    <message>
        <source>受理回执</source>
        <translation>acceptance receipt</translation>
    </message>
    <message>
        <source>一次性告知书</source>
        <translation>one-time notice</translation>
    </message>
    <message>
        <source>不予受理通知书</source>
        <translation>refusal notice</translation>
    </message>
    <message>
        <source>准予迁入证明</source>
        <translation>settlement permit</translation>
    </message>
    <message>
        <source>常住人口登记卡</source>
        <translation>registration card</translation>
    </message>
    <message>
        <source>集体户口页</source>
        <translation>collective household page</translation>
    </message>
</context>
<context>
    <name>relation</name>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>配偶</source>
        <translation>Spouse</translation>
    </message>
    <message>
        <source>子女</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>父母</source>
        <translation>Parent</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>role</name>
    <message>
        <source>窗口民警</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>审核领导</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>待审批</source>
        <translation>Approvals</translation>
    </message>
    <message>
        <source>待补材料</source>
        <translation>Awaiting documents</translation>
    </message>
    <message>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>不予受理</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>已登记</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
</context>
</TS>
