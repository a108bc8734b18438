<?xml version='1.0' encoding='utf-8'?>
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
        <translation>Type the ID number first: birth date, sex and birthplace fill in from it. Names may contain minority scripts and the separator "·".</translation>
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
        <translation>The applicant's own request to settle</translation>
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
        <source>{who} 受理（创建草稿）</source>
        <translation>{who} took the case in (draft created)</translation>
    </message>
    <message>
        <source>提交</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>{who} 打印{kind}（{serial}）</source>
        <translation>{who} printed the {kind} ({serial})</translation>
    </message>
    <message>
        <source>{who} 决定：{status}</source>
        <translation>{who} decided: {status}</translation>
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
    <name>DocumentsPage</name>
    <message>
        <source>材料核对</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>逐项勾选申请人当场提交的材料（空格键勾选）。“任选其一”的材料交其中一种即可。可附扫描件。</source>
        <translation>Tick each document the applicant presents (Space ticks). For "any one of", one suffices. Scans may be attached.</translation>
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
        <translation>Nobody comes along. To add someone, press "Add person".</translation>
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
        <source>按 Ctrl+F 随时回到查找框；↓ 进入结果，回车打开。</source>
        <translation>Ctrl+F returns here at any time; ↓ moves into the results, Enter opens one.</translation>
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
        <source>登录 — 户籍窗口受理台</source>
        <translation>Sign in — Hukou Counter</translation>
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
        <source>户籍窗口受理台</source>
        <translation>Hukou Counter</translation>
    </message>
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
        <source>用户名以字母开头，2至32位字母、数字或 _ . -</source>
        <translation>The user name starts with a letter: 2–32 letters, digits or _ . -</translation>
    </message>
    <message>
        <source>密码至少{n}位</source>
        <translation>The password needs at least {n} characters</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
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
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>须当面确认申请人本人自愿申请落户（001 §一(二)）</source>
        <translation>Confirm in person the applicant's own request to settle (001 §一(二))</translation>
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
        <source>申请人：{name}　{id}</source>
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
        <translation>Sync now</translation>
    </message>
    <message>
        <source>把本所案件发送到总部，并取回审批结果和政策更新</source>
        <translation>Send this station's cases to headquarters and fetch decisions and policy updates</translation>
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
        <source>同步失败，待发送 {n} 项</source>
        <translation>Sync failed, {n} waiting</translation>
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
        <source>，{n} 项冲突</source>
        <translation>, {n} conflict(s)</translation>
    </message>
    <message>
        <source>上次成功：{at}</source>
        <translation>Last success: {at}</translation>
    </message>
    <message>
        <source>上次错误：{error}</source>
        <translation>Last error: {error}</translation>
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