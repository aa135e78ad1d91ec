<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountEditPage</name>
    <message>
        <source>Each custom field needs a name</source>
        <translation>每个自定义字段都需要名称</translation>
    </message>
    <message>
        <source>The custom field &quot;%1&quot; appears twice</source>
        <translation>自定义字段“%1”重复了</translation>
    </message>
    <message>
        <source>Edit account</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>e.g. hotel, hospital, government office</source>
        <translation>例如：酒店、医院、政府机关</translation>
    </message>
    <message>
        <source>Demand and consumption</source>
        <translation>需求与消费</translation>
    </message>
    <message>
        <source>e.g. daily hospitality, PR events</source>
        <translation>例如：日常接待、公关活动</translation>
    </message>
    <message>
        <source>Annual agreement</source>
        <translation>年度协议</translation>
    </message>
    <message>
        <source>Relations and notes</source>
        <translation>关系与备注</translation>
    </message>
    <message>
        <source>Who knows whom, associations, mutual contacts</source>
        <translation>人脉关系、所属协会、共同熟人</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>自定义字段</translation>
    </message>
    <message>
        <source>+ Add field</source>
        <translation>+ 添加字段</translation>
    </message>
    <message>
        <source>Add facts of your own, e.g. &quot;parking&quot;: &quot;east gate&quot;.</source>
        <translation>可添加自定义信息，例如“停车”：“东门”。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Remove field</source>
        <translation>删除字段</translation>
    </message>
    <message>
        <source>e.g. West Lake State Guesthouse, Hangzhou</source>
        <translation>例如：杭州西湖国宾馆</translation>
    </message>
    <message>
        <source>e.g. Xihu District</source>
        <translation>例如：西湖区</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>volume %1</source>
        <translation>协议量 %1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>规模</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Exit reason</source>
        <translation>流失原因</translation>
    </message>
    <message>
        <source>Demand and consumption</source>
        <translation>需求与消费</translation>
    </message>
    <message>
        <source>Demand profile</source>
        <translation>需求类型</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>消费能力</translation>
    </message>
    <message>
        <source>Purchase channel</source>
        <translation>购买渠道</translation>
    </message>
    <message>
        <source>Price level</source>
        <translation>购买价位</translation>
    </message>
    <message>
        <source>Price sensitivity</source>
        <translation>价格敏感度</translation>
    </message>
    <message>
        <source>Competitors</source>
        <translation>竞争对手</translation>
    </message>
    <message>
        <source>Annual agreement</source>
        <translation>年度协议</translation>
    </message>
    <message>
        <source>Key persons (%1)</source>
        <translation>关键人（%1）</translation>
    </message>
    <message>
        <source>+ Add key person</source>
        <translation>+ 添加关键人</translation>
    </message>
    <message>
        <source>No key persons recorded. Add the head of unit, the purchasing decision-maker and the handler.</source>
        <translation>尚未登记关键人。请添加单位负责人、采购决策人和经办人。</translation>
    </message>
    <message>
        <source>Record a role change</source>
        <translation>记录岗位变动</translation>
    </message>
    <message>
        <source>Key position changes</source>
        <translation>关键岗位变动</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>转介绍</translation>
    </message>
    <message>
        <source>+ Record referral</source>
        <translation>+ 记录转介绍</translation>
    </message>
    <message>
        <source>No referrals yet. Ask satisfied customers for new contacts.</source>
        <translation>暂无转介绍。可请满意的客户推荐新客户。</translation>
    </message>
    <message>
        <source>Referred by (chain)</source>
        <translation>推荐人链</translation>
    </message>
    <message>
        <source>Accounts it referred</source>
        <translation>推荐的客户</translation>
    </message>
    <message>
        <source>Social relations</source>
        <translation>社会关系</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>自定义字段</translation>
    </message>
    <message>
        <source>, </source>
        <extracomment>the separator between the parts of the annual agreement</extracomment>
        <translation>，</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Next time: %1</source>
        <translation>下次：%1</translation>
    </message>
    <message>
        <source>Continue the visit</source>
        <translation>继续拜访</translation>
    </message>
    <message>
        <source>Start visit</source>
        <translation>开始拜访</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>拨打</translation>
    </message>
    <message>
        <source>Navigate</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>Falling behind: %1</source>
        <translation>落后于往常节奏：%1</translation>
    </message>
</context>
<context>
    <name>AccountRow</name>
    <message>
        <source>Next: %1</source>
        <translation>下一步：%1</translation>
    </message>
    <message>
        <source>Falling behind</source>
        <translation>落后节奏</translation>
    </message>
    <message>
        <source>Key person %1 (%2)</source>
        <translation>关键人 %1（%2）</translation>
    </message>
    <message>
        <source>Key person %1</source>
        <translation>关键人 %1</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation>电话：%1</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>Accounts</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Search name, pinyin, key person, phone</source>
        <translation>搜索名称、拼音、关键人、电话</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>共 %n 个客户</numerusform>
        </translation>
    </message>
    <message>
        <source>No account matches</source>
        <translation>没有符合条件的客户</translation>
    </message>
    <message>
        <source>No accounts yet</source>
        <translation>还没有客户</translation>
    </message>
    <message>
        <source>Tap + to add your first account.</source>
        <translation>点击 + 添加第一个客户。</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>My day</source>
        <translation>日程</translation>
    </message>
    <message>
        <source>Try fewer words, the first letters of the name (zs for 张三), or a key person&apos;s name or phone.</source>
        <translation>试试少输几个词、名称的拼音首字母（张三：zs），或关键人的姓名、电话。</translation>
    </message>
    <message>
        <source>New account “%1”</source>
        <translation>新建客户「%1」</translation>
    </message>
</context>
<context>
    <name>AgendaPage</name>
    <message>
        <source>My day</source>
        <translation>日程</translation>
    </message>
    <message>
        <source>The day before</source>
        <translation>前一天</translation>
    </message>
    <message>
        <source>The day after</source>
        <translation>后一天</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Overlaps: %1</source>
        <translation>时间重叠：%1</translation>
    </message>
    <message>
        <source>No appointment this day</source>
        <translation>这一天没有预约</translation>
    </message>
    <message>
        <source>Book one from an account&apos;s page after calling ahead.</source>
        <translation>电话约好后，在客户页面里预约。</translation>
    </message>
</context>
<context>
    <name>AppointmentChangeDialog</name>
    <message>
        <source>Cancel the appointment</source>
        <translation>取消预约</translation>
    </message>
    <message>
        <source>Move the appointment</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>New day</source>
        <translation>新日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>HH:mm</source>
        <translation>时:分</translation>
    </message>
    <message>
        <source>e.g. the customer is away on business</source>
        <translation>例如：客户出差</translation>
    </message>
    <message>
        <source>e.g. the customer has a meeting</source>
        <translation>例如：客户临时开会</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Cancel it</source>
        <translation>确认取消</translation>
    </message>
    <message>
        <source>Move it</source>
        <translation>确认改期</translation>
    </message>
</context>
<context>
    <name>AppointmentController</name>
    <message>
        <source>Enter the new day and time</source>
        <translation>请填写新的日期和时间</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) before</source>
        <translation>
            <numerusform>提前 %n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) before</source>
        <translation>
            <numerusform>提前 %n 小时</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%2 %1</translation>
    </message>
</context>
<context>
    <name>AppointmentEditPage</name>
    <message>
        <source>Nobody in particular</source>
        <translation>不指定</translation>
    </message>
    <message>
        <source>Enter the day as YYYY-MM-DD and the time as HH:mm</source>
        <translation>日期请按 YYYY-MM-DD、时间请按 HH:mm 填写</translation>
    </message>
    <message>
        <source>Book an appointment</source>
        <translation>电话预约</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Sign in on the Sync tab first: an appointment is booked in your name.</source>
        <translation>请先在“同步”页登录：预约记在您的名下。</translation>
    </message>
    <message>
        <source>HH:mm</source>
        <translation>时:分</translation>
    </message>
    <message>
        <source>Runs into: %1. You can still book it.</source>
        <translation>与以下预约时间重叠：%1。仍可预约。</translation>
    </message>
    <message>
        <source>e.g. third-floor meeting room</source>
        <translation>例如：三楼会议室</translation>
    </message>
</context>
<context>
    <name>AppointmentsCard</name>
    <message>
        <source>Appointments</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>+ Book</source>
        <translation>+ 预约</translation>
    </message>
    <message>
        <source>No appointment yet. Call ahead and book the visit here.</source>
        <translation>还没有预约。打电话约好后在这里记下。</translation>
    </message>
    <message>
        <source>Overlaps: %1</source>
        <translation>时间重叠：%1</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>Cancel appointment</source>
        <translation>取消预约</translation>
    </message>
</context>
<context>
    <name>ArchiveController</name>
    <message>
        <source>This account already has a referrer recorded</source>
        <translation>该客户已记录过推荐人</translation>
    </message>
    <message>
        <source>This referral would make a loop in the referral chain</source>
        <translation>该转介绍会使推荐链形成循环</translation>
    </message>
    <message>
        <source>Another account manager</source>
        <translation>其他客户经理</translation>
    </message>
    <message>
        <source>Birthday %1</source>
        <translation>%1生日</translation>
    </message>
    <message>
        <source>Not visited yet</source>
        <translation>尚未拜访</translation>
    </message>
    <message>
        <source>Visited today</source>
        <translation>今天已拜访</translation>
    </message>
    <message numerus="yes">
        <source>Last visit %n day(s) ago</source>
        <translation>
            <numerusform>上次拜访 %n 天前</numerusform>
        </translation>
    </message>
    <message>
        <source>Appointment %1 %2</source>
        <translation>预约 %1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%1, overdue %n day(s)</source>
        <translation>
            <numerusform>%1，已逾期 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>CadenceCard</name>
    <message>
        <source>Contact cadence</source>
        <translation>联系频次</translation>
    </message>
    <message>
        <source>+ Log a contact</source>
        <translation>+ 记录联系</translation>
    </message>
    <message>
        <source>%1 of at most %2</source>
        <translation>%1 / 最多 %2</translation>
    </message>
    <message>
        <source>No cadence for this tier: follow-ups drive it.</source>
        <translation>此级别无固定频次，按跟进任务联系。</translation>
    </message>
</context>
<context>
    <name>ContactLogPage</name>
    <message>
        <source>Nobody in particular</source>
        <translation>不指定联系人</translation>
    </message>
    <message>
        <source>Log a contact</source>
        <translation>记录联系</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>What was said, what was sent</source>
        <translation>谈了什么、寄了什么</translation>
    </message>
</context>
<context>
    <name>ContactRow</name>
    <message>
        <source>Call</source>
        <translation>拨打</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
</context>
<context>
    <name>DiscardChangesDialog</name>
    <message>
        <source>Leave without saving?</source>
        <translation>不保存就离开？</translation>
    </message>
    <message>
        <source>What you entered on this page has not been saved.</source>
        <translation>您在本页输入的内容尚未保存。</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>EnumCombo</name>
    <message>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
</context>
<context>
    <name>FilterButton</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>FormField</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message numerus="yes">
        <source>In %n day(s)</source>
        <translation>
            <numerusform>%n天后</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n天前</numerusform>
        </translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>(photo)</source>
        <translation>（照片）</translation>
    </message>
</context>
<context>
    <name>GiftsController</name>
    <message>
        <source>every two months</source>
        <translation>每两个月</translation>
    </message>
    <message>
        <source>a quarter</source>
        <translation>每季度</translation>
    </message>
    <message>
        <source>a month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>Item not in the catalogue yet</source>
        <translation>（品目尚未同步到本机）</translation>
    </message>
    <message>
        <source>%1 each</source>
        <translation>单价 %1</translation>
    </message>
    <message>
        <source>%1: %2 to %3 %4</source>
        <translation>%1：%4 %2–%3 次</translation>
    </message>
    <message>
        <source>%1: at least %2 %3</source>
        <translation>%1：%3至少 %2 次</translation>
    </message>
    <message>
        <source>%1: at most %2 %3</source>
        <translation>%1：%3最多 %2 次</translation>
    </message>
    <message>
        <source>%1: received %2</source>
        <translation>%1入库 %2</translation>
    </message>
</context>
<context>
    <name>GreetingPage</name>
    <message>
        <source>Greeted</source>
        <translation>已问候</translation>
    </message>
    <message>
        <source>Send…</source>
        <translation>发送…</translation>
    </message>
    <message>
        <source>Nobody to greet</source>
        <translation>没有需要问候的人</translation>
    </message>
    <message>
        <source>Add key persons to your accounts to greet them on holidays.</source>
        <translation>为客户添加关键人，节日时即可问候。</translation>
    </message>
</context>
<context>
    <name>KeyPersonCard</name>
    <message>
        <source>Temperament: %1</source>
        <translation>脾气类型：%1</translation>
    </message>
</context>
<context>
    <name>KeyPersonEditPage</name>
    <message>
        <source>Edit key person</source>
        <translation>编辑关键人</translation>
    </message>
    <message>
        <source>New key person</source>
        <translation>新建关键人</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>e.g. wedding anniversary 05-20</source>
        <translation>例如：结婚纪念日 05-20</translation>
    </message>
    <message>
        <source>Temperament and attitude</source>
        <translation>脾气与态度</translation>
    </message>
    <message>
        <source>Tip: %1</source>
        <translation>应对建议：%1</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>e.g. office director</source>
        <translation>例如：办公室主任</translation>
    </message>
</context>
<context>
    <name>KeyPersonPage</name>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Attitude towards us: %1</source>
        <translation>对我方态度：%1</translation>
    </message>
    <message>
        <source>Coaching tip</source>
        <translation>拜访提示</translation>
    </message>
    <message>
        <source>Temperament: %1</source>
        <translation>脾气类型：%1</translation>
    </message>
    <message>
        <source>Temperament not recorded yet</source>
        <translation>尚未记录脾气类型</translation>
    </message>
    <message>
        <source>Note how this person behaves in the next visit and record the temperament to get a tip here.</source>
        <translation>下次拜访时留意此人的言行，记录其脾气类型后，这里会显示应对建议。</translation>
    </message>
    <message>
        <source>Contact and dates</source>
        <translation>联系方式与日期</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Anniversaries</source>
        <translation>纪念日</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>Hobbies</source>
        <translation>兴趣爱好</translation>
    </message>
    <message>
        <source>Taboos</source>
        <translation>忌讳</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>家庭情况</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Native place</source>
        <translation>籍贯</translation>
    </message>
    <message>
        <source>Personality and work</source>
        <translation>性格与工作</translation>
    </message>
    <message>
        <source>Personality</source>
        <translation>性格</translation>
    </message>
    <message>
        <source>Work style</source>
        <translation>工作作风</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Positions held</source>
        <translation>任职记录</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Sales manager</source>
        <translation>销售主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>LaunchOptions</name>
    <message>
        <source>Fieldbook: key accounts in your pocket</source>
        <translation>Fieldbook：随身的大客户档案</translation>
    </message>
</context>
<context>
    <name>LifecycleCard</name>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Change stage</source>
        <translation>调整阶段</translation>
    </message>
    <message>
        <source>No rhythm yet: it needs four contacts or purchases.</source>
        <translation>尚无规律：需要至少四次联系或进货。</translation>
    </message>
    <message>
        <source>Move to %1…</source>
        <translation>转入%1…</translation>
    </message>
</context>
<context>
    <name>LocationConsentDialog</name>
    <message>
        <source>Use this phone&apos;s location?</source>
        <translation>允许使用本机位置？</translation>
    </message>
    <message>
        <source>Fieldbook reads the phone&apos;s position once, only when you tap to record it: to keep where an account is, and later to check in at a visit.</source>
        <translation>只有在您点按记录时，Fieldbook 才读取一次手机位置：用于记下客户所在的位置，以后也用于拜访签到。</translation>
    </message>
    <message>
        <source>The position is saved with the record and synced to your company&apos;s server, where you and your manager see it. Nothing tracks you in the background. You can withdraw this on the Me tab at any time.</source>
        <translation>位置随记录保存，并同步到公司服务器，您和您的主管可以查看。不会在后台跟踪您。您可以随时在“我的”页撤回此授权。</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>暂不</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>同意</translation>
    </message>
</context>
<context>
    <name>LocationController</name>
    <message>
        <source>The phone does not let Fieldbook use its location. Allow it in the phone&apos;s settings.</source>
        <translation>手机不允许 Fieldbook 使用位置。请在手机设置中开启。</translation>
    </message>
    <message>
        <source>No position within 30 seconds. Step outside or near a window and try again.</source>
        <translation>30 秒内未能定位。请到室外或靠近窗户后重试。</translation>
    </message>
    <message>
        <source>This device cannot tell where it is.</source>
        <translation>此设备无法定位。</translation>
    </message>
    <message>
        <source>The position could not be read. Try again.</source>
        <translation>未能读取位置，请重试。</translation>
    </message>
</context>
<context>
    <name>LocationRow</name>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Finding your position…</source>
        <translation>正在定位…</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Record again here</source>
        <translation>在此重新记录</translation>
    </message>
    <message>
        <source>Record here</source>
        <translation>在此记录位置</translation>
    </message>
    <message>
        <source>Not recorded: using the location needs your consent (Me tab).</source>
        <translation>未记录：使用位置需要您的同意（可在“我的”页开启）。</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Fieldbook</source>
        <translation>Fieldbook</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
</context>
<context>
    <name>MePage</name>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Not signed in. Your accounts stay on this phone; sign in on the Sync tab to send your changes to the team server.</source>
        <translation>尚未登录。客户资料保存在本机；在“同步”页登录后，您的修改会发送到团队服务器。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>待上传</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Accounts on this phone</source>
        <translation>本机客户数</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>App version</source>
        <translation>应用版本</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n 项更改</numerusform>
        </translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>My stock</source>
        <translation>我的库存</translation>
    </message>
    <message>
        <source>No gifts or samples handed out to you yet. What the warehouse gives you shows here after a sync.</source>
        <translation>还没有发放给您的赠品或样品。仓库发放后，同步一次即可在这里看到。</translation>
    </message>
    <message>
        <source>Contact cadence by tier</source>
        <translation>各级客户的维护频次</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Use this phone&apos;s position when I tap to record it</source>
        <translation>我点按记录时使用本机位置</translation>
    </message>
    <message>
        <source>Allowed since %1.</source>
        <translation>自%1起已同意。</translation>
    </message>
    <message>
        <source>Read once when you record an account&apos;s location or check in at a visit; saved with that record. Never in the background.</source>
        <translation>仅在您记录客户位置或拜访签到时读取一次，随该记录保存；从不在后台读取。</translation>
    </message>
    <message>
        <source>This device has no position source.</source>
        <translation>此设备没有定位来源。</translation>
    </message>
    <message>
        <source>Appointment reminders</source>
        <translation>预约提醒</translation>
    </message>
    <message>
        <source>Remind me</source>
        <translation>提醒时间</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>PageHeader</name>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>PhotoController</name>
    <message>
        <source>The picture is no longer there.</source>
        <translation>这张图片已不在原处。</translation>
    </message>
    <message>
        <source>This file is not a picture that can be read. Choose a JPEG or PNG photo.</source>
        <translation>此文件不是可读取的图片，请选择 JPEG 或 PNG 照片。</translation>
    </message>
    <message>
        <source>The picture could not be prepared. Please try another one.</source>
        <translation>图片无法处理，请换一张试试。</translation>
    </message>
    <message>
        <source>Could not save on this device. Please try again.</source>
        <translation>无法保存到本机，请重试。</translation>
    </message>
    <message>
        <source>Taken %1</source>
        <translation>拍摄于%1</translation>
    </message>
    <message>
        <source>The picture has not reached the server yet: the phone that took it sends it at its next sync.</source>
        <translation>图片尚未到达服务器：拍摄它的手机会在下次同步时上传。</translation>
    </message>
    <message>
        <source>The picture is not available to you.</source>
        <translation>您无权查看这张图片。</translation>
    </message>
    <message>
        <source>The picture is on the server. It loads when you are online.</source>
        <translation>图片在服务器上，联网后即可加载。</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <source>This record is no longer on this device; it may have been removed.</source>
        <translation>此记录已不在本机上，可能已被删除。</translation>
    </message>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation>请更正标红的字段。</translation>
    </message>
    <message>
        <source>This form cannot be saved.</source>
        <translation>此表单无法保存。</translation>
    </message>
    <message>
        <source>The record could not be saved.</source>
        <translation>记录未能保存。</translation>
    </message>
</context>
<context>
    <name>ReferralPage</name>
    <message>
        <source>Not specified</source>
        <translation>未指定</translation>
    </message>
    <message>
        <source>Record referral</source>
        <translation>记录转介绍</translation>
    </message>
    <message>
        <source>Referred by %1</source>
        <translation>推荐人：%1</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>更换</translation>
    </message>
    <message>
        <source>Search the account by name or pinyin</source>
        <translation>按名称或拼音搜索客户</translation>
    </message>
    <message>
        <source>No account matches</source>
        <translation>没有符合条件的客户</translation>
    </message>
    <message>
        <source>e.g. introduced at the association dinner</source>
        <translation>例如：在协会晚宴上介绍</translation>
    </message>
    <message>
        <source>In the archive</source>
        <translation>档案中的客户</translation>
    </message>
    <message>
        <source>New prospect</source>
        <translation>新潜在客户</translation>
    </message>
    <message>
        <source>Added to your accounts as tier P (potential), source: referral.</source>
        <translation>将作为P类（潜在）客户加入你的客户，来源：转介绍。</translation>
    </message>
    <message>
        <source>e.g. runs three restaurants in 西湖区, wants a tasting</source>
        <translation>例如：在西湖区开了三家餐厅，想参加品鉴</translation>
    </message>
</context>
<context>
    <name>ReferralRow</name>
    <message>
        <source>L%1</source>
        <translation>第%1层</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>由 %1 推荐</translation>
    </message>
    <message>
        <source>An account of another rep</source>
        <translation>其他客户经理的客户</translation>
    </message>
</context>
<context>
    <name>RoleChangePage</name>
    <message>
        <source>Vacant</source>
        <translation>空缺</translation>
    </message>
    <message>
        <source>Key position change</source>
        <translation>关键岗位变动</translation>
    </message>
    <message>
        <source>Record who holds a key position from which day. The previous holder stays in the history.</source>
        <translation>记录关键岗位自哪天起由谁担任，原任职者会保留在历史中。</translation>
    </message>
    <message>
        <source>Add the person as a key person first, or record the position as vacant.</source>
        <translation>请先将此人添加为关键人，或将岗位记录为空缺。</translation>
    </message>
    <message>
        <source>e.g. transferred to the head office</source>
        <translation>例如：调往总部</translation>
    </message>
    <message>
        <source>Record change</source>
        <translation>记录变动</translation>
    </message>
    <message>
        <source>Choose the new holder, or Vacant</source>
        <translation>请选择新任人选，或选“空缺”</translation>
    </message>
    <message>
        <source>Now held by</source>
        <translation>现任</translation>
    </message>
    <message>
        <source>%1, since %2</source>
        <translation>%1，自%2起</translation>
    </message>
    <message>
        <source>nobody (vacant)</source>
        <translation>无（空缺）</translation>
    </message>
    <message>
        <source>Nobody recorded</source>
        <translation>暂无记录</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
</context>
<context>
    <name>RoleHistoryRow</name>
    <message>
        <source>Vacant</source>
        <translation>空缺</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>present</source>
        <translation>至今</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>Account</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>规模</translation>
    </message>
    <message>
        <source>Micro</source>
        <translation>微型</translation>
    </message>
    <message>
        <source>Small</source>
        <translation>小型</translation>
    </message>
    <message>
        <source>Medium-sized</source>
        <translation>中型</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>大型</translation>
    </message>
    <message>
        <source>Enterprise group</source>
        <translation>集团</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <source>KA — key account</source>
        <translation>KA — 大客户</translation>
    </message>
    <message>
        <source>A — important</source>
        <translation>A — 重要客户</translation>
    </message>
    <message>
        <source>B — ordinary</source>
        <translation>B — 普通客户</translation>
    </message>
    <message>
        <source>C — small</source>
        <translation>C — 小客户</translation>
    </message>
    <message>
        <source>P — potential</source>
        <translation>P — 潜在客户</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Acquisition</source>
        <translation>开发期</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>成长期</translation>
    </message>
    <message>
        <source>Maturity</source>
        <translation>成熟期</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>衰退期</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>流失期</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Personal acquaintance</source>
        <translation>熟人关系</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>客户转介绍</translation>
    </message>
    <message>
        <source>Introduced by our leadership</source>
        <translation>内部领导介绍</translation>
    </message>
    <message>
        <source>Group-buying broker</source>
        <translation>团购中间人</translation>
    </message>
    <message>
        <source>Industry association</source>
        <translation>行业协会</translation>
    </message>
    <message>
        <source>Direct visit</source>
        <translation>直接拜访</translation>
    </message>
    <message>
        <source>Public information</source>
        <translation>公开信息</translation>
    </message>
    <message>
        <source>Assigned rep</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Demand profile</source>
        <translation>需求类型</translation>
    </message>
    <message>
        <source>Consumption capacity</source>
        <translation>消费能力</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Very high</source>
        <translation>很高</translation>
    </message>
    <message>
        <source>Purchase channel</source>
        <translation>购买渠道</translation>
    </message>
    <message>
        <source>Price level</source>
        <translation>购买价位</translation>
    </message>
    <message>
        <source>Economy</source>
        <translation>经济型</translation>
    </message>
    <message>
        <source>Mid-range</source>
        <translation>中档</translation>
    </message>
    <message>
        <source>Premium</source>
        <translation>高档</translation>
    </message>
    <message>
        <source>Luxury</source>
        <translation>奢华</translation>
    </message>
    <message>
        <source>Price sensitivity</source>
        <translation>价格敏感度</translation>
    </message>
    <message>
        <source>Competitors present</source>
        <translation>竞争对手</translation>
    </message>
    <message>
        <source>Social relations</source>
        <translation>社会关系</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>自定义字段</translation>
    </message>
    <message>
        <source>Exit reason</source>
        <translation>流失原因</translation>
    </message>
    <message>
        <source>Left of their own accord</source>
        <translation>客户主动离开</translation>
    </message>
    <message>
        <source>Poor service</source>
        <translation>核心服务失误</translation>
    </message>
    <message>
        <source>Rep&apos;s mistake</source>
        <translation>客户经理失误</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格原因</translation>
    </message>
    <message>
        <source>Inconvenient for them</source>
        <translation>不方便</translation>
    </message>
    <message>
        <source>Complaint badly handled</source>
        <translation>对服务失误反应不当</translation>
    </message>
    <message>
        <source>Won by a competitor</source>
        <translation>被竞争对手争取</translation>
    </message>
    <message>
        <source>Ethical concerns</source>
        <translation>道德问题</translation>
    </message>
    <message>
        <source>Involuntary (closed, merged)</source>
        <translation>非自愿（关停、合并）</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Agreed volume</source>
        <translation>协议量</translation>
    </message>
    <message>
        <source>cases</source>
        <translation>箱</translation>
    </message>
    <message>
        <source>Agreement start</source>
        <translation>协议开始日期</translation>
    </message>
    <message>
        <source>Agreement end</source>
        <translation>协议结束日期</translation>
    </message>
    <message>
        <source>Key person</source>
        <translation>关键人</translation>
    </message>
    <message>
        <source>Key persons</source>
        <translation>关键人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Head of unit</source>
        <translation>单位负责人</translation>
    </message>
    <message>
        <source>Purchasing decision-maker</source>
        <translation>采购决策人</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Important anniversaries</source>
        <translation>重要纪念日</translation>
    </message>
    <message>
        <source>Hobbies and interests</source>
        <translation>兴趣爱好</translation>
    </message>
    <message>
        <source>Taboos</source>
        <translation>忌讳</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>家庭情况</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Native place</source>
        <translation>籍贯</translation>
    </message>
    <message>
        <source>Personality</source>
        <translation>性格</translation>
    </message>
    <message>
        <source>Temperament type</source>
        <translation>脾气类型</translation>
    </message>
    <message>
        <source>Conceited</source>
        <translation>自负型</translation>
    </message>
    <message>
        <source>Cautious</source>
        <translation>谨慎型</translation>
    </message>
    <message>
        <source>Talkative</source>
        <translation>健谈型</translation>
    </message>
    <message>
        <source>Silent</source>
        <translation>沉默型</translation>
    </message>
    <message>
        <source>Picky</source>
        <translation>挑剔型</translation>
    </message>
    <message>
        <source>Impatient</source>
        <translation>性急型</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>否定型</translation>
    </message>
    <message>
        <source>Suspicious</source>
        <translation>怀疑型</translation>
    </message>
    <message>
        <source>Stubborn</source>
        <translation>顽固型</translation>
    </message>
    <message>
        <source>Hostile</source>
        <translation>反感型</translation>
    </message>
    <message>
        <source>Impulsive</source>
        <translation>冲动型</translation>
    </message>
    <message>
        <source>Shrewd</source>
        <translation>精明型</translation>
    </message>
    <message>
        <source>Work style</source>
        <translation>工作作风</translation>
    </message>
    <message>
        <source>Attitude towards us</source>
        <translation>对我方态度</translation>
    </message>
    <message>
        <source>Supportive</source>
        <translation>支持</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>中立</translation>
    </message>
    <message>
        <source>Skeptical</source>
        <translation>怀疑</translation>
    </message>
    <message>
        <source>Opposed</source>
        <translation>反对</translation>
    </message>
    <message>
        <source>Role change</source>
        <translation>岗位变动</translation>
    </message>
    <message>
        <source>Role changes</source>
        <translation>岗位变动</translation>
    </message>
    <message>
        <source>Effective date</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>转介绍</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>推荐客户</translation>
    </message>
    <message>
        <source>Referring person</source>
        <translation>推荐人</translation>
    </message>
    <message>
        <source>Referred account</source>
        <translation>被推荐客户</translation>
    </message>
    <message>
        <source>Referral date</source>
        <translation>推荐日期</translation>
    </message>
    <message>
        <source>Gift or sample</source>
        <translation>赠品/样品</translation>
    </message>
    <message>
        <source>Gifts and samples</source>
        <translation>赠品和样品</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>赠品</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>品鉴样品</translation>
    </message>
    <message>
        <source>Printed material</source>
        <translation>宣传资料</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Unit value</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Contact cadence</source>
        <translation>维护频次</translation>
    </message>
    <message>
        <source>Contact cadences</source>
        <translation>维护频次</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>维护方式</translation>
    </message>
    <message>
        <source>Face visit</source>
        <translation>面访</translation>
    </message>
    <message>
        <source>Phone callback</source>
        <translation>电话回访</translation>
    </message>
    <message>
        <source>Materials mailing</source>
        <translation>寄送资料</translation>
    </message>
    <message>
        <source>Sample mailing</source>
        <translation>寄送样品</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动邀请</translation>
    </message>
    <message>
        <source>Club meeting</source>
        <translation>俱乐部聚会</translation>
    </message>
    <message>
        <source>Points redemption</source>
        <translation>积分兑换</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Two months</source>
        <translation>两个月</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>At least</source>
        <translation>至少</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>至多</translation>
    </message>
    <message>
        <source>Stock movement</source>
        <translation>库存变动</translation>
    </message>
    <message>
        <source>Stock movements</source>
        <translation>库存变动</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所属人</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>品目</translation>
    </message>
    <message>
        <source>Movement</source>
        <translation>变动类型</translation>
    </message>
    <message>
        <source>Received from the warehouse</source>
        <translation>仓库发放</translation>
    </message>
    <message>
        <source>Given at a visit</source>
        <translation>拜访赠送</translation>
    </message>
    <message>
        <source>Returned to the warehouse</source>
        <translation>退回仓库</translation>
    </message>
    <message>
        <source>Transferred from a colleague</source>
        <translation>同事调入</translation>
    </message>
    <message>
        <source>Transferred to a colleague</source>
        <translation>调给同事</translation>
    </message>
    <message>
        <source>Stock count correction</source>
        <translation>盘点调整</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Belongs to account</source>
        <translation>所属客户</translation>
    </message>
    <message>
        <source>Given to account</source>
        <translation>赠送客户</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Recorded from your phone&apos;s position at the account</source>
        <translation>在客户现场由手机定位记录</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>关键岗位</translation>
    </message>
    <message>
        <source>New holder</source>
        <translation>新任职者</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>What it shows</source>
        <translation>照片内容</translation>
    </message>
    <message>
        <source>Storefront</source>
        <translation>门头</translation>
    </message>
    <message>
        <source>Signed agreement</source>
        <translation>已签协议</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>With</source>
        <translation>约见</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Expected length</source>
        <translation>预计时长</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>First visit</source>
        <translation>首次拜访</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>送货</translation>
    </message>
    <message>
        <source>Event invitation</source>
        <translation>活动邀请</translation>
    </message>
    <message>
        <source>Gift delivery</source>
        <translation>送礼品</translation>
    </message>
    <message>
        <source>Complaint handling</source>
        <translation>处理投诉</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>已预约</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Appointment change</source>
        <translation>预约变更</translation>
    </message>
    <message>
        <source>Appointment changes</source>
        <translation>预约变更</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Rescheduled</source>
        <translation>已改期</translation>
    </message>
    <message>
        <source>Was</source>
        <translation>原时间</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>新时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>变更时间</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Check-in position</source>
        <translation>签到位置</translation>
    </message>
    <message>
        <source>Distance from the account</source>
        <translation>距客户距离</translation>
    </message>
    <message>
        <source>m</source>
        <translation>米</translation>
    </message>
    <message>
        <source>Away from the account&apos;s address</source>
        <translation>不在客户地址附近</translation>
    </message>
    <message>
        <source>Briefing read</source>
        <translation>已阅简报</translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation>准备事项</translation>
    </message>
    <message>
        <source>Purpose of this visit</source>
        <translation>本次拜访目的</translation>
    </message>
    <message>
        <source>Needs heard</source>
        <translation>了解到的需求</translation>
    </message>
    <message>
        <source>How far achieved</source>
        <translation>目的达成情况</translation>
    </message>
    <message>
        <source>Not achieved</source>
        <translation>未达成</translation>
    </message>
    <message>
        <source>Partly achieved</source>
        <translation>部分达成</translation>
    </message>
    <message>
        <source>Fully achieved</source>
        <translation>完全达成</translation>
    </message>
    <message>
        <source>How the conversation went</source>
        <translation>洽谈情况</translation>
    </message>
    <message>
        <source>Notes for next time</source>
        <translation>下次注意事项</translation>
    </message>
    <message>
        <source>Goal for next time</source>
        <translation>下次目标</translation>
    </message>
    <message>
        <source>What was agreed</source>
        <translation>达成的内容</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Direct</source>
        <translation>直供</translation>
    </message>
    <message>
        <source>Via a merchant</source>
        <translation>经销商供货</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>经销商</translation>
    </message>
    <message>
        <source>Checked out</source>
        <translation>签退</translation>
    </message>
    <message>
        <source>Check-out position</source>
        <translation>签退位置</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>意向</translation>
    </message>
    <message>
        <source>No interest</source>
        <translation>无意向</translation>
    </message>
    <message>
        <source>Some interest</source>
        <translation>有一定意向</translation>
    </message>
    <message>
        <source>Strong interest</source>
        <translation>意向强烈</translation>
    </message>
    <message>
        <source>Effect of the visit</source>
        <translation>拜访效果</translation>
    </message>
    <message>
        <source>Why it was discarded</source>
        <translation>作废原因</translation>
    </message>
    <message>
        <source>Visit correction</source>
        <translation>拜访更正</translation>
    </message>
    <message>
        <source>Visit corrections</source>
        <translation>拜访更正</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>更正时间</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Annual agreement</source>
        <translation>年度协议</translation>
    </message>
    <message>
        <source>Quarterly agreement</source>
        <translation>季度协议</translation>
    </message>
    <message>
        <source>Project or event</source>
        <translation>项目或活动</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>签订日期</translation>
    </message>
    <message>
        <source>Photo of the signed agreement</source>
        <translation>协议签字页照片</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>跟进事项</translation>
    </message>
    <message>
        <source>Face revisit</source>
        <translation>登门回访</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>After the visit</source>
        <translation>来自拜访</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Preparation item</source>
        <translation>准备事项</translation>
    </message>
    <message>
        <source>Preparation items</source>
        <translation>准备事项</translation>
    </message>
    <message>
        <source>For visits of</source>
        <translation>适用拜访</translation>
    </message>
    <message>
        <source>Every visit</source>
        <translation>所有拜访</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Visit policy</source>
        <translation>拜访规则</translation>
    </message>
    <message>
        <source>Visit policies</source>
        <translation>拜访规则</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>Callback after an interested visit (days)</source>
        <translation>有意向拜访后电话回访（天）</translation>
    </message>
    <message>
        <source>Face revisit within (days)</source>
        <translation>登门回访期限（天）</translation>
    </message>
    <message>
        <source>Away from the address beyond (m)</source>
        <translation>签到偏离地址超过（米）</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Recipient&apos;s signature</source>
        <translation>受赠人签名</translation>
    </message>
    <message>
        <source>Suits visits for</source>
        <translation>适用拜访</translation>
    </message>
    <message>
        <source>Suits tiers</source>
        <translation>适用客户等级</translation>
    </message>
    <message>
        <source>Given to</source>
        <translation>受赠人</translation>
    </message>
    <message>
        <source>At the visit</source>
        <translation>所属拜访</translation>
    </message>
    <message>
        <source>Colleague</source>
        <translation>同事</translation>
    </message>
    <message>
        <source>Gift limit</source>
        <translation>赠品限额</translation>
    </message>
    <message>
        <source>Gift limits</source>
        <translation>赠品限额</translation>
    </message>
    <message>
        <source>Cap</source>
        <translation>限额</translation>
    </message>
    <message>
        <source>Per key person per month</source>
        <translation>每位关键人每月</translation>
    </message>
    <message>
        <source>Per account per quarter</source>
        <translation>每个客户每季度</translation>
    </message>
    <message>
        <source>Size in bytes</source>
        <translation>大小（字节）</translation>
    </message>
    <message>
        <source>Lunar birthday</source>
        <translation>农历生日</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <source>Materials mailed</source>
        <translation>寄送资料</translation>
    </message>
    <message>
        <source>Samples mailed</source>
        <translation>寄送样品</translation>
    </message>
    <message>
        <source>Invited to an event</source>
        <translation>邀请参加活动</translation>
    </message>
    <message>
        <source>Came to an event</source>
        <translation>参加活动</translation>
    </message>
    <message>
        <source>Greeting sent</source>
        <translation>发送问候</translation>
    </message>
    <message>
        <source>Points redeemed</source>
        <translation>积分兑换</translation>
    </message>
    <message>
        <source>Occasion</source>
        <translation>场合</translation>
    </message>
    <message>
        <source>Reason for going beyond the limit</source>
        <translation>超出上限的原因</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>节日</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>节日</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Festival</source>
        <translation>节日</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>放假</translation>
    </message>
    <message>
        <source>Make-up workday</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <source>Date rule</source>
        <translation>日期规则</translation>
    </message>
    <message>
        <source>Same solar day every year</source>
        <translation>每年公历同日</translation>
    </message>
    <message>
        <source>Same lunar day every year</source>
        <translation>每年农历同日</translation>
    </message>
    <message>
        <source>Qingming (solar term)</source>
        <translation>清明（节气）</translation>
    </message>
    <message>
        <source>One date</source>
        <translation>指定日期</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Greet key persons</source>
        <translation>问候关键人</translation>
    </message>
    <message>
        <source>Greet in tiers</source>
        <translation>问候的客户级别</translation>
    </message>
    <message>
        <source>Shown days ahead</source>
        <translation>提前几天提示</translation>
    </message>
    <message>
        <source>Greeting text</source>
        <translation>问候语</translation>
    </message>
    <message>
        <source>Greeting texts</source>
        <translation>问候语</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Put off</source>
        <translation>稍后处理</translation>
    </message>
    <message>
        <source>Contacted person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>After a visit</source>
        <translation>拜访后</translation>
    </message>
    <message>
        <source>Win-back</source>
        <translation>挽回</translation>
    </message>
    <message>
        <source>Stage change</source>
        <translation>阶段调整</translation>
    </message>
    <message>
        <source>Stage changes</source>
        <translation>阶段调整</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Plan a win-back</source>
        <translation>制定挽回计划</translation>
    </message>
    <message>
        <source>Decide case by case</source>
        <translation>视情况而定</translation>
    </message>
    <message>
        <source>Let go</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>系统建议</translation>
    </message>
    <message>
        <source>Each with its day, separated by ；. A lunar day: 农历 08-15 or 八月十五.</source>
        <translation>每个都写上日期，用“；”分开。农历日期写作“农历 08-15”或“八月十五”。</translation>
    </message>
</context>
<context>
    <name>StageChangePage</name>
    <message>
        <source>Change stage</source>
        <translation>调整阶段</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Suggested: %1</source>
        <translation>建议理由：%1</translation>
    </message>
    <message>
        <source>What happened, what you found out</source>
        <translation>发生了什么，了解到的原因</translation>
    </message>
    <message>
        <source>What you saw that calls for it</source>
        <translation>你观察到的情况</translation>
    </message>
    <message>
        <source>Sets you a call within 2 days to find out why, and a visit within 14 days.</source>
        <translation>将为你安排：2 天内电话了解原因，14 天内上门拜访。</translation>
    </message>
    <message>
        <source>Sets you a call within 7 days to decide.</source>
        <translation>将为你安排：7 天内电话沟通，再决定是否挽回。</translation>
    </message>
    <message>
        <source>No follow-ups. Find out the cause first if you can.</source>
        <translation>不安排跟进。如有可能，先查明原因。</translation>
    </message>
</context>
<context>
    <name>StorefrontPhoto</name>
    <message>
        <source>Storefront photo</source>
        <translation>门头照片</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>更换</translation>
    </message>
    <message>
        <source>+ Add photo</source>
        <translation>+ 添加照片</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n photo(s) in all</source>
        <translation>
            <numerusform>%1 · 共 %n 张</numerusform>
        </translation>
    </message>
    <message>
        <source>No photo yet. A photo of the entrance helps a colleague find the place.</source>
        <translation>还没有照片。拍一张门头照片，同事也能找到这里。</translation>
    </message>
    <message>
        <source>Choose a photo of the storefront</source>
        <translation>选择门头照片</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png)</source>
        <translation>图片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Photo of the signed agreement</source>
        <translation>协议签字页照片</translation>
    </message>
    <message>
        <source>No photo yet. Photograph the signed pages.</source>
        <translation>还没有照片。请拍下签字页。</translation>
    </message>
    <message>
        <source>Choose a photo of the signed agreement</source>
        <translation>选择协议签字页照片</translation>
    </message>
    <message>
        <source>Loading the picture (%1)…</source>
        <translation>正在加载图片（%1）…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <source>Syncing</source>
        <translation>正在同步</translation>
    </message>
    <message>
        <source>The last sync failed</source>
        <translation>上次同步失败</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n 项更改待上传</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>You entered: %1</source>
        <translation>您填写的：%1</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Please enter the server address</source>
        <translation>请填写服务器地址</translation>
    </message>
    <message>
        <source>Enter an address like https://sync.example.com or http://127.0.0.1:8080</source>
        <translation>请填写形如 https://sync.example.com 或 http://127.0.0.1:8080 的地址</translation>
    </message>
    <message>
        <source>Please enter your user name</source>
        <translation>请填写用户名</translation>
    </message>
    <message>
        <source>Please enter your password</source>
        <translation>请填写密码</translation>
    </message>
    <message>
        <source>Please correct the marked fields</source>
        <translation>请修改标红的字段</translation>
    </message>
    <message>
        <source>Please wait until the current sync has finished</source>
        <translation>请等待当前同步完成</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) have not been sent yet. Sync first, or sign out anyway and lose them.</source>
        <translation>
            <numerusform>还有 %n 项更改尚未上传。请先同步；如仍要退出，这些更改将丢失。</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Could not reach the server at %1. Check the address and your connection.</source>
        <translation>无法连接服务器 %1，请检查地址和网络连接。</translation>
    </message>
    <message>
        <source>Could not reach the server. Fieldbook will try again when the connection allows.</source>
        <translation>无法连接服务器。网络允许时会自动重试。</translation>
    </message>
    <message>
        <source>The server is busy. Fieldbook will try again shortly.</source>
        <translation>服务器繁忙，稍后会自动重试。</translation>
    </message>
    <message>
        <source>This device was revoked by the administrator. The local data was removed from this device.</source>
        <translation>此设备已被管理员停用，本机数据已被清除。</translation>
    </message>
    <message>
        <source>Your sign-in is no longer valid. Please sign in again.</source>
        <translation>登录已失效，请重新登录。</translation>
    </message>
    <message>
        <source>Your sign-in has expired because this phone has not synced for a long time. Sign in again; the changes waiting on this phone are kept.</source>
        <translation>这台手机很久没有同步，登录已过期。请重新登录，手机上等待同步的修改都会保留。</translation>
    </message>
    <message>
        <source>The server does not accept this version of Fieldbook. Please update the app.</source>
        <translation>服务器不支持此版本的 Fieldbook，请更新应用。</translation>
    </message>
    <message>
        <source>The device database could not be opened for sync.</source>
        <translation>无法打开本机数据库进行同步。</translation>
    </message>
    <message>
        <source>The server had a problem. Fieldbook will try again.</source>
        <translation>服务器出现问题，稍后会自动重试。</translation>
    </message>
    <message>
        <source>Sync failed (%1). Please tell your administrator if this keeps happening.</source>
        <translation>同步失败（%1）。如果一直出现，请联系管理员。</translation>
    </message>
    <message numerus="yes">
        <source>Trying again in %n second(s)</source>
        <translation>
            <numerusform>%n 秒后重试</numerusform>
        </translation>
    </message>
    <message>
        <source>Today %1</source>
        <translation>今天 %1</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>昨天 %1</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 “%2” (%3)</source>
        <translation>%1“%2”（%3）</translation>
    </message>
    <message>
        <source>The server found invalid data</source>
        <translation>服务器认为数据不合规</translation>
    </message>
    <message>
        <source>The account is no longer assigned to you</source>
        <translation>该客户已不再分配给您</translation>
    </message>
    <message>
        <source>The record no longer exists on the server</source>
        <translation>服务器上已没有这条记录</translation>
    </message>
    <message>
        <source>This kind of record cannot be changed</source>
        <translation>此类记录不能修改</translation>
    </message>
    <message>
        <source>It conflicts with data on the server</source>
        <translation>与服务器上的数据冲突</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>被服务器拒绝</translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Please wait a few minutes, then try again.</source>
        <translation>登录失败次数过多，请等几分钟后再试。</translation>
    </message>
    <message>
        <source>The server is busy. Please try again in a moment.</source>
        <translation>服务器繁忙，请稍后再试。</translation>
    </message>
    <message>
        <source>This device was revoked by the administrator and its local data was removed. Try signing in again; if that is refused, ask your administrator.</source>
        <translation>此设备已被管理员停用，本机数据已清除。请重新登录；如仍被拒绝，请联系管理员。</translation>
    </message>
    <message>
        <source>The server had a problem. Please try again later.</source>
        <translation>服务器出现问题，请稍后再试。</translation>
    </message>
    <message>
        <source>The server at %1 does not answer as a Fieldbook server. Check the address.</source>
        <translation>%1 上的服务器不是 Fieldbook 同步服务器，请检查地址。</translation>
    </message>
    <message>
        <source>Sign-in failed (%1). Please tell your administrator if this keeps happening.</source>
        <translation>登录失败（%1）。如果一直出现，请告知管理员。</translation>
    </message>
    <message>
        <source>Sync cancelled. Nothing was lost: what was not sent yet waits on this phone for the next sync.</source>
        <translation>同步已取消，没有丢失任何数据：尚未发送的修改保存在本机，下次同步时发送。</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 (no longer on this phone)</source>
        <translation>%1（已不在本机）</translation>
    </message>
    <message>
        <source>%1 “%2”</source>
        <translation>%1“%2”</translation>
    </message>
    <message>
        <source>%1 “%2” of %3</source>
        <translation>%3的%1“%2”</translation>
    </message>
    <message>
        <source>%1: you entered %2; a newer change (%3) replaced it.</source>
        <translation>您填写的「%1」为 %2，已被 %3 的较新修改覆盖。</translation>
    </message>
    <message>
        <source>%1: you entered %2; a newer change (%3) replaced it. The newer value arrives with the next sync.</source>
        <translation>您填写的「%1」为 %2，已被 %3 的较新修改覆盖，新值将在下次同步时收到。</translation>
    </message>
    <message>
        <source>%1: you entered %2; a newer change (%3) entered the same, so nothing changed.</source>
        <translation>您填写的「%1」为 %2，%3 的较新修改填写了相同内容，实际没有变化。</translation>
    </message>
    <message>
        <source>%1: you entered %2; a newer change (%3) replaced it. Now: %4.</source>
        <translation>您填写的「%1」为 %2，已被 %3 的较新修改覆盖，现为 %4。</translation>
    </message>
    <message>
        <source>last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>从未同步</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n 条修改待同步</numerusform>
        </translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Syncing… %1 of %2</source>
        <translation>正在同步… %1/%2</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) kept on this phone</source>
        <translation>
            <numerusform>本机保存着 %n 条修改</numerusform>
        </translation>
    </message>
    <message>
        <source>tap to sign in</source>
        <translation>点此登录</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) refused by the server</source>
        <translation>
            <numerusform>%n 条修改被服务器拒绝</numerusform>
        </translation>
    </message>
    <message>
        <source>tap to see</source>
        <translation>点此查看</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Cannot reach the server</source>
        <translation>连不上服务器</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>同步失败</translation>
    </message>
    <message>
        <source>tap for details</source>
        <translation>点此查看原因</translation>
    </message>
    <message>
        <source>All synced</source>
        <translation>已全部同步</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Sign in again to sync</source>
        <translation>请重新登录以同步</translation>
    </message>
    <message>
        <source>The automatic sync could not run: the server asks you to sign in again. What you entered stays on this phone.</source>
        <translation>自动同步未能进行：服务器要求重新登录。您录入的内容都保留在本机上。</translation>
    </message>
    <message>
        <source>This device was removed</source>
        <translation>此设备已被移除</translation>
    </message>
    <message>
        <source>Open the Sync tab to see what was refused and why.</source>
        <translation>打开&quot;同步&quot;页查看哪些修改被拒绝及原因。</translation>
    </message>
    <message numerus="yes">
        <source>%n picture(s) have not been sent yet. Sync first, or sign out anyway and lose them.</source>
        <translation>
            <numerusform>还有 %n 张图片未上传。请先同步，或直接退出登录并放弃这些图片。</numerusform>
        </translation>
    </message>
    <message>
        <source>The server did not take some pictures. They stay on this phone and Fieldbook will try again; tell your administrator if this keeps happening.</source>
        <translation>服务器未接收部分图片。图片仍保存在本机，Fieldbook 会再次尝试；如果一直如此，请联系管理员。</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Connected, but the server cannot be reached</source>
        <translation>已联网，但连不上服务器</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Sign in to sync</source>
        <translation>登录以同步</translation>
    </message>
    <message>
        <source>Your accounts stay on this phone and work offline. Sign in to send your changes to the team server and receive your accounts.</source>
        <translation>客户档案保存在本机，离线也能使用。登录后即可把更改上传到团队服务器，并接收分配给您的客户。</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>From your administrator, e.g. https://sync.example.com</source>
        <translation>由管理员提供，例如 https://sync.example.com</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>当前用户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>已联网</translation>
    </message>
    <message>
        <source>Offline — changes are kept on this phone</source>
        <translation>未联网——更改会保存在本机</translation>
    </message>
    <message>
        <source>Receiving %1 of %2</source>
        <translation>正在接收 %1 / %2</translation>
    </message>
    <message>
        <source>Sending %1 of %2</source>
        <translation>正在上传 %1 / %2</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>待上传的更改</translation>
    </message>
    <message>
        <source>Nothing: every change has been sent.</source>
        <translation>没有：所有更改都已上传。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>They are sent when you sign in.</source>
        <translation>登录后即会上传。</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>被服务器拒绝的更改</translation>
    </message>
    <message>
        <source>These changes were not accepted and are not on the server. Enter them again if they are still needed.</source>
        <translation>以下更改未被服务器接受，服务器上没有这些数据。如仍需要，请重新录入。</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>Automatic sync</source>
        <translation>自动同步</translation>
    </message>
    <message>
        <source>Sync when the connection returns</source>
        <translation>网络恢复时自动同步</translation>
    </message>
    <message>
        <source>Only on Wi-Fi</source>
        <translation>仅在 Wi-Fi 下同步</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Sign out?</source>
        <translation>退出登录？</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Sign out anyway</source>
        <translation>仍要退出</translation>
    </message>
    <message>
        <source>Stopping after what is under way…</source>
        <translation>正在停止，当前这一步完成后结束…</translation>
    </message>
    <message>
        <source>Overwritten changes</source>
        <translation>被覆盖的修改</translation>
    </message>
    <message>
        <source>Someone changed these fields after you, and the later change is kept. The rest of your changes were saved. If your value should stand, edit the record again.</source>
        <translation>以下字段在您之后又被他人修改，系统保留了较新的修改；您的其他修改均已保存。如需以您的内容为准，请重新编辑该记录。</translation>
    </message>
    <message>
        <source>Sending photos: %1 of %2</source>
        <translation>正在上传照片：%1 / %2</translation>
    </message>
    <message>
        <source>Pictures of photos and signatures</source>
        <translation>照片和签名的图片</translation>
    </message>
    <message numerus="yes">
        <source>%n picture(s)</source>
        <translation>
            <numerusform>%n 张</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TemperamentCombo</name>
    <message>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
</context>
<context>
    <name>TodayController</name>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>昨天</translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>%n 天后</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>this quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>these two months</source>
        <translation>这两个月</translation>
    </message>
    <message>
        <source>this month</source>
        <translation>本月</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2/%3 %4, %n day(s) left</source>
        <translation>
            <numerusform>%1 %2/%3（%4，还剩 %n 天）</numerusform>
        </translation>
    </message>
    <message>
        <source>behind since %1</source>
        <translation>%1起已落后</translation>
    </message>
    <message>
        <source>Callback: %1</source>
        <translation>电话回访：%1</translation>
    </message>
    <message>
        <source>Face revisit: %1</source>
        <translation>面访回访：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) after your visit</source>
        <translation>
            <numerusform>拜访后第 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进</translation>
    </message>
    <message>
        <source>was due %1</source>
        <translation>%1到期</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>%1到期</translation>
    </message>
    <message>
        <source>Visit to %1 left open</source>
        <translation>%1 的拜访未结束</translation>
    </message>
    <message>
        <source>Checked in %1: finish it or discard it</source>
        <translation>%1签到：请完成或放弃</translation>
    </message>
    <message>
        <source>%1&apos;s birthday %2</source>
        <translation>%1 %2生日</translation>
    </message>
    <message>
        <source>lunar calendar</source>
        <translation>农历</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n key person(s) to greet</source>
        <translation>
            <numerusform>%1：%n 位关键人待问候</numerusform>
        </translation>
    </message>
    <message>
        <source>In your %1 accounts · %2</source>
        <translation>%1 级客户 · %2</translation>
    </message>
    <message>
        <source>%1 of %2 greeted</source>
        <translation>已问候 %1/%2</translation>
    </message>
    <message>
        <source>Put off by 1 to 30 days.</source>
        <translation>只能推迟 1 到 30 天。</translation>
    </message>
    <message>
        <source>This item is no longer on Today.</source>
        <translation>此事项已不在今日列表中。</translation>
    </message>
    <message>
        <source>Open it to act on it.</source>
        <translation>请打开后处理。</translation>
    </message>
    <message>
        <source>a quarter</source>
        <translation>每季度</translation>
    </message>
    <message>
        <source>every two months</source>
        <translation>每两个月</translation>
    </message>
    <message>
        <source>a month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>The tier allows at most %1 %2 %3; %4 already this period. Say why to go on.</source>
        <translation>该级别%3最多 %1 次%2，本期已有 %4 次。如需继续，请说明原因。</translation>
    </message>
    <message>
        <source>per quarter</source>
        <translation>每季度</translation>
    </message>
    <message>
        <source>per two months</source>
        <translation>每两个月</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>%1 to %2 %3</source>
        <translation>%3 %1–%2 次</translation>
    </message>
    <message>
        <source>at least %1 %2</source>
        <translation>%2至少 %1 次</translation>
    </message>
    <message>
        <source>at most %1 %2</source>
        <translation>%2最多 %1 次</translation>
    </message>
    <message>
        <source>In your stock: %1 (%2 left)</source>
        <translation>库存可送：%1（剩 %2）</translation>
    </message>
    <message>
        <source>Write the greeting first.</source>
        <translation>请先写好问候语。</translation>
    </message>
    <message>
        <source>This key person is gone.</source>
        <translation>该关键人已不存在。</translation>
    </message>
    <message>
        <source>Nothing took the greeting; it was not logged.</source>
        <translation>问候未发出，未记录。</translation>
    </message>
    <message>
        <source>First appointment %1 at %2</source>
        <translation>首个约见 %1 %2</translation>
    </message>
    <message>
        <source>No appointments today.</source>
        <translation>今天没有约见。</translation>
    </message>
    <message numerus="yes">
        <source>Today: %n thing(s) to do</source>
        <translation>
            <numerusform>今日待办 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Win-back call: %1</source>
        <translation>挽回回访：%1</translation>
    </message>
    <message>
        <source>Win-back visit: %1</source>
        <translation>挽回拜访：%1</translation>
    </message>
    <message>
        <source>Find out why they left</source>
        <translation>了解流失原因</translation>
    </message>
    <message>
        <source>Go and win them back</source>
        <translation>上门争取挽回</translation>
    </message>
    <message>
        <source>%1 is falling behind</source>
        <translation>%1 落后于往常节奏</translation>
    </message>
    <message numerus="yes">
        <source>Usually buys every %n day(s)</source>
        <translation>
            <numerusform>通常每 %n 天进货一次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Usually in touch every %n day(s)</source>
        <translation>
            <numerusform>通常每 %n 天联系一次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>none for %n day(s)</source>
        <translation>
            <numerusform>已 %n 天没有</numerusform>
        </translation>
    </message>
    <message>
        <source>last purchase %1</source>
        <translation>上次进货 %1</translation>
    </message>
    <message>
        <source>last contact %1</source>
        <translation>上次联系 %1</translation>
    </message>
    <message numerus="yes">
        <source>Nothing for %n day(s), well past its usual rhythm.</source>
        <translation>
            <numerusform>已 %n 天没有往来，远超往常节奏。</numerusform>
        </translation>
    </message>
    <message>
        <source>It is back in its rhythm.</source>
        <translation>已恢复往常节奏。</translation>
    </message>
    <message>
        <source>It has made its first purchase.</source>
        <translation>已首次进货。</translation>
    </message>
    <message>
        <source>It has bought steadily for half a year.</source>
        <translation>已稳定进货半年。</translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation>纪念日</translation>
    </message>
    <message>
        <source>anniversary</source>
        <translation>纪念日</translation>
    </message>
    <message>
        <source>%1&apos;s %2 %3</source>
        <translation>%1 %3%2</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message numerus="yes">
        <source>%n late</source>
        <translation>
            <numerusform>逾期 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to do</source>
        <translation>
            <numerusform>待办 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n appointment(s)</source>
        <translation>
            <numerusform>约见 %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Appointments today</source>
        <translation>今日约见</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>明天再说</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Nothing due today</source>
        <translation>今天没有待办</translation>
    </message>
    <message>
        <source>Every account is within its cadence. Follow-ups, birthdays and holidays will show here when they come due.</source>
        <translation>所有客户都在联系频次之内。跟进、生日和节日到期时会显示在这里。</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message numerus="yes">
        <source>Too long: at most %n characters</source>
        <translation>
            <numerusform>太长了：最多 %n 个字</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose one of the listed values</source>
        <translation>请从列表中选择</translation>
    </message>
    <message>
        <source>Choose yes or no</source>
        <translation>请选择是或否</translation>
    </message>
    <message>
        <source>Could not save on this device. Please try again</source>
        <translation>无法保存到本机，请重试</translation>
    </message>
    <message>
        <source>Enter a date as YYYY-MM-DD</source>
        <translation>请按 年-月-日（YYYY-MM-DD）格式填写日期</translation>
    </message>
    <message>
        <source>Enter a whole number from %1 to %2</source>
        <translation>请输入 %1 到 %2 之间的整数</translation>
    </message>
    <message>
        <source>Enter a whole number</source>
        <translation>请输入整数</translation>
    </message>
    <message>
        <source>Not a valid date and time</source>
        <translation>日期时间格式不正确</translation>
    </message>
    <message>
        <source>Not in the expected form</source>
        <translation>格式不正确</translation>
    </message>
    <message>
        <source>Please fill this in</source>
        <translation>此项必填</translation>
    </message>
    <message>
        <source>Refers to a record that does not exist</source>
        <translation>引用的记录不存在</translation>
    </message>
    <message>
        <source>The custom fields could not be read</source>
        <translation>自定义字段无法读取</translation>
    </message>
    <message>
        <source>The record was not found; it may have been removed</source>
        <translation>找不到该记录，可能已被删除</translation>
    </message>
    <message>
        <source>This contradicts what is already recorded</source>
        <translation>与已有记录相矛盾</translation>
    </message>
    <message>
        <source>This field is not known to this version of the app</source>
        <translation>此版本的应用不认识该字段</translation>
    </message>
    <message>
        <source>This record can no longer be changed</source>
        <translation>该记录已不能修改</translation>
    </message>
    <message>
        <source>Too long</source>
        <translation>内容过长</translation>
    </message>
    <message>
        <source>The date cannot be later than today</source>
        <translation>日期不能晚于今天</translation>
    </message>
    <message>
        <source>Enter a number of at least 0</source>
        <translation>请输入不小于 0 的数字</translation>
    </message>
    <message>
        <source>This is already recorded</source>
        <translation>已有相同记录</translation>
    </message>
    <message>
        <source>Enter an amount in yuan, such as 1299.50</source>
        <translation>请输入金额（元），如 1299.50</translation>
    </message>
    <message>
        <source>Enter a phone number of digits, e.g. 0571-88886666 or 13800138000</source>
        <translation>请输入数字电话号码，如 0571-88886666 或 13800138000</translation>
    </message>
    <message>
        <source>Enter a number, e.g. 1200</source>
        <translation>请输入数字，如 1200</translation>
    </message>
    <message>
        <source>Not a valid position</source>
        <translation>不是有效的位置</translation>
    </message>
    <message>
        <source>Please enter the %1</source>
        <translation>请填写%1</translation>
    </message>
    <message>
        <source>The end date is before the start date</source>
        <translation>结束日期早于开始日期</translation>
    </message>
    <message>
        <source>An account cannot refer itself</source>
        <translation>客户不能推荐自己</translation>
    </message>
    <message>
        <source>Name the merchant the sale goes through</source>
        <translation>请填写供货的经销商</translation>
    </message>
    <message>
        <source>The agreement cannot end before it starts</source>
        <translation>协议结束日期不能早于开始日期</translation>
    </message>
    <message>
        <source>Say why the count differs (the reason of an adjustment)</source>
        <translation>请说明盘点差异的原因</translation>
    </message>
    <message>
        <source>Over the gift limit for one key person this month</source>
        <translation>超过本月每位关键人的赠品限额</translation>
    </message>
    <message>
        <source>Over the gift limit for one account this quarter</source>
        <translation>超过本季度每个客户的赠品限额</translation>
    </message>
    <message>
        <source>Not an attachment this app made</source>
        <translation>不是本应用生成的附件</translation>
    </message>
    <message>
        <source>An exit needs its reason and a win-back decision</source>
        <translation>流失需要填写原因和挽回决定</translation>
    </message>
    <message>
        <source>Give each anniversary its day, like 结婚纪念日 05-20</source>
        <translation>每个纪念日都要写上日期，如“结婚纪念日 05-20”</translation>
    </message>
</context>
<context>
    <name>VisitAgreementStep</name>
    <message>
        <source>Choose a photo of the signed agreement</source>
        <translation>选择协议签字页照片</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png)</source>
        <translation>图片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>协议量</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Attached</source>
        <translation>已附</translation>
    </message>
    <message>
        <source>No agreement at this visit.</source>
        <translation>本次拜访未签协议。</translation>
    </message>
    <message>
        <source>+ Record an agreement</source>
        <translation>+ 记录签订的协议</translation>
    </message>
    <message>
        <source>Agreement signed</source>
        <translation>签订协议</translation>
    </message>
    <message>
        <source>e.g. quarterly rebate 2%, delivery within 3 days</source>
        <translation>例如：季度返利2%，3天内送货</translation>
    </message>
    <message>
        <source>Replace the photo</source>
        <translation>重新拍照</translation>
    </message>
    <message>
        <source>+ Photo of the signed pages</source>
        <translation>+ 拍签字页</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Record agreement</source>
        <translation>记录协议</translation>
    </message>
    <message>
        <source>Record the agreement, or cancel it</source>
        <translation>请先记录协议，或取消</translation>
    </message>
</context>
<context>
    <name>VisitArchiveStep</name>
    <message>
        <source>What did you learn? Add it while it is fresh.</source>
        <translation>这次了解到什么？趁记得清楚补充到档案里。</translation>
    </message>
    <message>
        <source>Edit the account&apos;s details</source>
        <translation>编辑客户资料</translation>
    </message>
    <message>
        <source>Record a change of role holder</source>
        <translation>记录关键岗位变动</translation>
    </message>
    <message>
        <source>Key persons</source>
        <translation>关键人</translation>
    </message>
    <message>
        <source>+ Add key person</source>
        <translation>+ 添加关键人</translation>
    </message>
</context>
<context>
    <name>VisitBriefingStep</name>
    <message>
        <source>The account</source>
        <translation>客户概况</translation>
    </message>
    <message>
        <source>Last visit · %1</source>
        <translation>上次拜访 · %1</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>Achieved</source>
        <translation>达成情况</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>洽谈情况</translation>
    </message>
    <message>
        <source>Next time</source>
        <translation>下次</translation>
    </message>
    <message>
        <source>Key persons</source>
        <translation>关键人</translation>
    </message>
    <message>
        <source>No key person recorded yet: ask who decides, and add them in the Archive step.</source>
        <translation>还没有记录关键人：问清楚谁做决定，在“完善档案”一步添加。</translation>
    </message>
    <message>
        <source>In your bag for this visit</source>
        <translation>适合本次拜访的赠品</translation>
    </message>
    <message>
        <source>Nothing in your stock suits this visit.</source>
        <translation>你的库存中没有适合本次拜访的赠品。</translation>
    </message>
</context>
<context>
    <name>VisitCheckinStep</name>
    <message>
        <source>Checked in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>No position was available</source>
        <translation>未能获取位置</translation>
    </message>
    <message>
        <source>Not recorded (location not allowed; see the Me tab)</source>
        <translation>未记录（未允许使用位置，见“我的”）</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
</context>
<context>
    <name>VisitCheckoutStep</name>
    <message>
        <source>Say how interested the account is</source>
        <translation>请选择客户意向</translation>
    </message>
    <message>
        <source>How did it go?</source>
        <translation>拜访结果</translation>
    </message>
    <message>
        <source>e.g. agreed to try 2 cases at the next banquet</source>
        <translation>例如：同意下次宴请试用两箱</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>跟进事项</translation>
    </message>
    <message>
        <source>Choose the interest to see the follow-ups.</source>
        <translation>选择意向后显示将创建的跟进事项。</translation>
    </message>
    <message>
        <source>No follow-up: the account is not interested.</source>
        <translation>客户无意向，不创建跟进事项。</translation>
    </message>
</context>
<context>
    <name>VisitController</name>
    <message>
        <source>Check-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Briefing</source>
        <translation>简报</translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation>准备</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>洽谈</translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation>赠品</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>转介绍</translation>
    </message>
    <message>
        <source>Check-out</source>
        <translation>签退</translation>
    </message>
    <message>
        <source>Purpose of the visit stated</source>
        <translation>明确拜访目的</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>登记表</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样品</translation>
    </message>
    <message>
        <source>Business cards</source>
        <translation>名片</translation>
    </message>
    <message>
        <source>Brochures</source>
        <translation>宣传册</translation>
    </message>
    <message>
        <source>Dressed for the visit</source>
        <translation>着装得体</translation>
    </message>
    <message>
        <source>Transport arranged</source>
        <translation>交通已安排</translation>
    </message>
    <message>
        <source>Briefing read</source>
        <translation>已阅读客户简报</translation>
    </message>
    <message>
        <source>%1 km from the account&apos;s recorded location</source>
        <translation>距客户记录位置 %1 公里</translation>
    </message>
    <message>
        <source>%1 m from the account&apos;s recorded location</source>
        <translation>距客户记录位置 %1 米</translation>
    </message>
    <message>
        <source>Away from the account&apos;s address: farther than %1 m</source>
        <translation>不在客户地址附近：超过 %1 米</translation>
    </message>
    <message>
        <source>Last visit today</source>
        <translation>今天刚拜访过</translation>
    </message>
    <message numerus="yes">
        <source>Last visit %n day(s) ago</source>
        <translation>
            <numerusform>上次拜访在 %n 天前</numerusform>
        </translation>
    </message>
    <message>
        <source>No earlier visit recorded</source>
        <translation>没有以往的拜访记录</translation>
    </message>
    <message>
        <source>%1&apos;s birthday: %2</source>
        <translation>%1 生日：%2</translation>
    </message>
    <message>
        <source>Phone callback %1</source>
        <translation>电话回访：%1</translation>
    </message>
    <message>
        <source>Face revisit by %1</source>
        <translation>登门回访：%1 前</translation>
    </message>
    <message>
        <source>Record how the conversation went (step Conversation) before checking out</source>
        <translation>签退前请填写洽谈情况（“洽谈”一步）</translation>
    </message>
    <message>
        <source>%1 corrected %2: “%3” → “%4” (%5)</source>
        <translation>%1 更正%2：“%3” → “%4”（%5）</translation>
    </message>
    <message>
        <source>This key person, this month</source>
        <translation>该关键人本月</translation>
    </message>
    <message>
        <source>This account, this quarter</source>
        <translation>该客户本季度</translation>
    </message>
    <message>
        <source>cap %1</source>
        <translation>限额 %1</translation>
    </message>
    <message>
        <source>%1 left after this</source>
        <translation>本次后剩 %1</translation>
    </message>
    <message>
        <source>%1 over</source>
        <translation>超出 %1</translation>
    </message>
    <message>
        <source>More than you hold: check the stock left of each item</source>
        <translation>超过你的库存：请核对每种赠品的剩余数量</translation>
    </message>
    <message>
        <source>Choose how many of which item</source>
        <translation>请选择赠品及数量</translation>
    </message>
    <message>
        <source>Choose who receives the gifts</source>
        <translation>请选择受赠人</translation>
    </message>
</context>
<context>
    <name>VisitConversationStep</name>
    <message>
        <source>First-visit form</source>
        <translation>首次拜访登记表</translation>
    </message>
    <message>
        <source>Return-visit form</source>
        <translation>回访登记表</translation>
    </message>
    <message>
        <source>Sales form</source>
        <translation>销售登记表</translation>
    </message>
    <message>
        <source>Something was agreed</source>
        <translation>达成了销售</translation>
    </message>
</context>
<context>
    <name>VisitDiscardDialog</name>
    <message>
        <source>Discard the visit</source>
        <translation>作废本次拜访</translation>
    </message>
    <message>
        <source>The visit is kept as discarded, with your reason; no follow-up is created.</source>
        <translation>拜访将标记为作废并保留原因，不会创建跟进事项。</translation>
    </message>
    <message>
        <source>e.g. the customer was not there</source>
        <translation>例如：客户不在</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>作废</translation>
    </message>
</context>
<context>
    <name>VisitGiftsStep</name>
    <message>
        <source>Hand the picked gifts over, or set them back to 0</source>
        <translation>请先发放已选的赠品，或把数量改回 0</translation>
    </message>
    <message>
        <source>Choose who receives the gifts</source>
        <translation>请选择受赠人</translation>
    </message>
    <message>
        <source>Handed over at this visit</source>
        <translation>本次已发放</translation>
    </message>
    <message>
        <source>Give to</source>
        <translation>发放给</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>Add the key person first (Archive step).</source>
        <translation>请先添加关键人（“档案”一步）。</translation>
    </message>
    <message>
        <source>In your bag for this visit</source>
        <translation>适合本次拜访的赠品</translation>
    </message>
    <message>
        <source>Nothing in your stock suits this visit.</source>
        <translation>你的库存中没有适合本次拜访的赠品。</translation>
    </message>
    <message>
        <source>%1 · %2 each · %3 left</source>
        <translation>%1 · 单价%2 · 剩%3</translation>
    </message>
    <message>
        <source>Value %1</source>
        <translation>合计 %1</translation>
    </message>
    <message>
        <source>No gift limit for this tier.</source>
        <translation>该等级没有赠品限额。</translation>
    </message>
    <message>
        <source>Recipient&apos;s signature (optional)</source>
        <translation>受赠人签名（可选）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Sign here</source>
        <translation>请在此签名</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>发放</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <source>Visit to %1 finished</source>
        <translation>已完成对%1的拜访</translation>
    </message>
    <message>
        <source>No position: %1</source>
        <translation>未记录位置：%1</translation>
    </message>
    <message>
        <source>Visit discarded</source>
        <translation>拜访已作废</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>Discard this visit…</source>
        <translation>作废本次拜访…</translation>
    </message>
    <message>
        <source>Visit to %1 left open since %2: finish or discard it.</source>
        <translation>对%1的拜访自 %2 起未结束：请签退或作废。</translation>
    </message>
    <message>
        <source>Go to check-out</source>
        <translation>去签退</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Start a visit at an account…</source>
        <translation>选择客户开始拜访…</translation>
    </message>
    <message>
        <source>Sign in on the Sync tab first: a visit is recorded in your name.</source>
        <translation>请先在“同步”页登录：拜访以你的名义记录。</translation>
    </message>
    <message>
        <source>Today&apos;s appointments</source>
        <translation>今天的预约</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>No appointment left today</source>
        <translation>今天没有待拜访的预约</translation>
    </message>
    <message>
        <source>Start a visit at any account, or book one from the account&apos;s page.</source>
        <translation>可以在任意客户开始拜访，或在客户页面预约。</translation>
    </message>
    <message>
        <source>Started on another of your phones: finish it there.</source>
        <translation>在你的另一部手机上开始的拜访：请在那部手机上完成。</translation>
    </message>
</context>
<context>
    <name>VisitPreparationStep</name>
    <message>
        <source>Before you go in</source>
        <translation>进门之前</translation>
    </message>
</context>
<context>
    <name>VisitReferralsStep</name>
    <message>
        <source>Referred today</source>
        <translation>今天的转介绍</translation>
    </message>
    <message>
        <source>+ Record referral</source>
        <translation>+ 记录转介绍</translation>
    </message>
    <message>
        <source>None yet. Who else could use what we offer? A new prospect is added as tier P, referred by this account.</source>
        <translation>还没有。还有谁可能需要我们的产品？新客户以P类（潜在）加入，记为本客户推荐。</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>被推荐</translation>
    </message>
</context>
<context>
    <name>VisitStartPage</name>
    <message>
        <source>Start a visit</source>
        <translation>开始拜访</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>拜访目的</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Pick the account you are visiting</source>
        <translation>请选择要拜访的客户</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>更换</translation>
    </message>
    <message>
        <source>Search the account by name or pinyin</source>
        <translation>按名称或拼音搜索客户</translation>
    </message>
    <message>
        <source>No account matches</source>
        <translation>没有匹配的客户</translation>
    </message>
</context>
<context>
    <name>VisitStepper</name>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Check out</source>
        <translation>签退</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
</context>
<context>
    <name>VisitTimelineCard</name>
    <message>
        <source>Visits (%1)</source>
        <translation>拜访记录（%1）</translation>
    </message>
    <message>
        <source>No visit recorded yet.</source>
        <translation>还没有拜访记录。</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <source>Next time: %1</source>
        <translation>下次：%1</translation>
    </message>
    <message>
        <source>Discarded: %1</source>
        <translation>已作废：%1</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message numerus="yes">
        <source>Show all %n visit(s)</source>
        <translation>
            <numerusform>显示全部 %n 次拜访</numerusform>
        </translation>
    </message>
    <message>
        <source>Correct the visit</source>
        <translation>更正拜访记录</translation>
    </message>
    <message>
        <source>What was recorded stays; the correction is shown with your reason.</source>
        <translation>原记录保留，更正连同原因一起显示。</translation>
    </message>
    <message>
        <source>e.g. mistyped the quantity</source>
        <translation>例如：数量填错了</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Correct it to</source>
        <translation>更正为</translation>
    </message>
</context>
</TS>
