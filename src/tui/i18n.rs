//! Every string the TUI shows, in both languages. A string is a `Msg`; its text comes
//! from one `match`, so a missing translation does not compile.
use crate::domain::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum Msg {
    TabAchievements,
    TabOrganizations,
    TabInterests,
    TabMeetings,
    TabAgreements,
    TabDashboard,
    // Column headers.
    ColCode,
    ColTitle,
    ColHolder,
    ColField,
    ColMaturity,
    ColPrice,
    ColInterests,
    ColBooth,
    ColName,
    ColKind,
    ColRegion,
    ColIndustry,
    ColContact,
    ColCheckedIn,
    ColTime,
    ColEnterprise,
    ColAchievement,
    ColLevel,
    ColDesk,
    ColSlot,
    ColTable,
    ColStatus,
    ColBuyer,
    ColSeller,
    ColType,
    ColContractAmount,
    ColTechAmount,
    ColCeremony,
    // Status bar and messages.
    StatusFair,
    StatusDesk,
    StatusFile,
    StatusHelpHint,
    StatusRows,
    Withdrawn,
    Voided,
    Yes,
    EmptyList,
    ShowingWithdrawn,
    HidingWithdrawn,
    Refreshed,
    // Help.
    HelpTitle,
    HelpClose,
    KeyUp,
    KeyDown,
    KeyPageUp,
    KeyPageDown,
    KeyTop,
    KeyBottom,
    KeyNextTab,
    KeyPrevTab,
    KeyGoTab,
    KeyToggleWithdrawn,
    KeyRefresh,
    KeyHelp,
    KeyQuit,
    KeyForceQuit,
    KeyMouse,
    // Dashboard.
    DashHeadline,
    DashAchievements,
    DashHolders,
    DashEnterprises,
    DashCheckedIn,
    DashInterests,
    DashEnquiry,
    DashInterested,
    DashInDepth,
    DashMeetingsHeld,
    DashNoShow,
    DashAgreements,
    DashCeremony,
    DashContractTotal,
    DashTechTotal,
    DashByField,
    DashByType,
    DashByRegion,
    DashTop,
    DashIntentNote,
    KeySearch,
    KeyOpen,
    KeyNew,
    KeyEdit,
    KeyWithdraw,
    KeyCheckIn,
    KeyClearSearch,
    KeySearchDone,
    KeyNextField,
    KeyPrevField,
    KeyChoose,
    KeySave,
    KeyCancelForm,
    KeyPick,
    KeyToggleChoice,
    KeyClose,
    KeyScrollUp,
    KeyScrollDown,
    KeyBack,
    KeyYes,
    KeyNo,
    KeyConfirm,
    KeyUseExisting,
    KeySaveAnyway,
    KeyBackToForm,
    KeyTyping,
    FormNewAchievement,
    FormEditAchievement,
    FormNewOrganization,
    FormEditOrganization,
    FormHint,
    FormRequired,
    FormPickHint,
    PickerHint,
    PickerMultiHint,
    ConfirmTitle,
    ConfirmDiscard,
    ConfirmQuit,
    ConfirmHint,
    WithdrawTitle,
    WithdrawPrompt,
    WithdrawHint,
    ReasonRequired,
    CheckInTitle,
    CheckInPerson,
    CheckInBadge,
    CheckInHint,
    SimilarTitle,
    SimilarBody,
    SimilarHint,
    DuplicateTitle,
    DuplicateHint,
    SearchPrompt,
    SearchMatches,
    DetailsAchievement,
    DetailsOrganization,
    DetailsInterests,
    DetailsOwnInterests,
    DetailsHeld,
    DetailsAgreements,
    DetailsNone,
    DetailsCheckin,
    DetailsNotCheckedIn,
    DetailsStatus,
    DetailsHint,
    DetailsOrgHint,
    Active,
    NotFound,
    NothingSelected,
    NotForThisList,
    FormFixErrors,
    FormNewInterest,
    FormNewMeeting,
    KeyLogInterest,
    KeyBookMeeting,
    KeyHeld,
    KeyNoShow,
    KeyBooked,
    KeyCancelMeeting,
    KeyInterestFromMeeting,
    KeyGrid,
    KeyPrevDay,
    KeyNextDay,
    KeyIssueCode,
    KeyOpenAchievement,
    ConfirmCancelMeeting,
    ConfirmIssueCode,
    CodeTitle,
    CodeBody,
    CodeHint,
    GridTitle,
    GridTables,
    HeldOnly,
    DetailsMeetings,
    ExhibitorAchievements,
    ExhibitorInterests,
    ExhibitorNote,
    ExhibitorNoConsent,
    ExhibitorReadOnly,
    ExhibitorLoginTitle,
    ExhibitorLoginBody,
    ExhibitorCodePrompt,
    ExhibitorHint,
    KeySign,
    KeyVoid,
    KeyCorrect,
    FormNewAgreement,
    VoidTitle,
    VoidPrompt,
    VoidReasonRequired,
    VoidHint,
    CorrectTitle,
    CorrectContract,
    CorrectTech,
    CorrectHint,
    DetailsAgreement,
    DetailsParties,
    DetailsHistory,
    DetailsAgreementHint,
    DetailsLoading,
    KeyBigScreen,
    BigAgreements,
    BigContract,
    BigTech,
    BigAchievements,
    BigInterests,
    BigMeetings,
    BigHint,
    DashByHour,
    TabNeeds,
    ColBudget,
    ColDeadline,
    FormNewNeed,
    FormEditNeed,
    KeyRecommend,
    KeySuggestInterest,
    SuggestionsForNeed,
    SuggestionsForAchievement,
    SuggestionsHint,
    SuggestionLinked,
    SuggestionNone,
    // Merge conflicts and the file's safety.
    KeyConflicts,
    BannerReadOnly,
    BannerIntegrity,
    BackupSaved,
    BackupFailed,
    ConflictsTitle,
    ConflictsHint,
    ConflictsNone,
    ConflictsKeys,
    ConflictStatusOpen,
    ConflictStatusKept,
    ConflictStatusReversed,
    ConflictStatusSuperseded,
    ColConflictKind,
    ColConflictRecord,
    ColConflictKept,
    ColConflictSetAside,
    ColConflictField,
    ConflictConfirmKeep,
    ConflictConfirmReverse,
    ConflictDoneKeep,
    ConflictDoneReverse,
    ConflictAlreadyDecided,
    ConflictSameContent,
}

impl Msg {
    pub fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = self.pair();
        lang.pick(zh, en)
    }

    /// (Chinese, English).
    pub fn pair(self) -> (&'static str, &'static str) {
        use Msg::*;
        match self {
            TabAchievements => ("成果", "Achievements"),
            TabOrganizations => ("企业", "Organizations"),
            TabInterests => ("意向", "Interest"),
            TabMeetings => ("洽谈", "Meetings"),
            TabAgreements => ("签约", "Agreements"),
            TabDashboard => ("看板", "Dashboard"),
            ColCode => ("编号", "Code"),
            ColTitle => ("成果名称", "Title"),
            ColHolder => ("持有单位", "Holder"),
            ColField => ("领域", "Field"),
            ColMaturity => ("成熟度", "Maturity"),
            ColPrice => ("意向价格", "Asking price"),
            ColInterests => ("意向数", "Interest"),
            ColBooth => ("展位", "Booth"),
            ColName => ("单位名称", "Name"),
            ColKind => ("类型", "Kind"),
            ColRegion => ("地区", "Region"),
            ColIndustry => ("行业", "Industry"),
            ColContact => ("联系人", "Contact"),
            ColCheckedIn => ("签到", "Arrived"),
            ColTime => ("时间", "Time"),
            ColEnterprise => ("企业", "Enterprise"),
            ColAchievement => ("成果", "Achievement"),
            ColLevel => ("意向程度", "Level"),
            ColDesk => ("登记台", "Desk"),
            ColSlot => ("时段", "Slot"),
            ColTable => ("桌号", "Table"),
            ColStatus => ("状态", "Status"),
            ColBuyer => ("受让方", "Buyer"),
            ColSeller => ("出让方", "Seller"),
            ColType => ("合同类型", "Type"),
            ColContractAmount => ("合同成交额", "Contract"),
            ColTechAmount => ("技术交易额", "Tech. amount"),
            ColCeremony => ("集中签约", "Ceremony"),
            StatusFair => ("对接会", "Fair"),
            StatusDesk => ("登记台", "Desk"),
            StatusFile => ("文件", "File"),
            StatusHelpHint => ("? 帮助  q 退出", "? help  q quit"),
            StatusRows => ("条", "rows"),
            Withdrawn => ("已撤回", "withdrawn"),
            Voided => ("已作废", "voided"),
            Yes => ("是", "yes"),
            EmptyList => ("（暂无记录）", "(nothing here yet)"),
            ShowingWithdrawn => ("显示已撤回的记录", "showing withdrawn rows"),
            HidingWithdrawn => ("隐藏已撤回的记录", "hiding withdrawn rows"),
            Refreshed => ("已刷新", "refreshed"),
            HelpTitle => ("帮助：本页按键", "Help: keys on this screen"),
            HelpClose => ("Esc 或 ? 关闭", "Esc or ? closes"),
            KeyUp => ("上移一行", "move up"),
            KeyDown => ("下移一行", "move down"),
            KeyPageUp => ("上翻一页", "page up"),
            KeyPageDown => ("下翻一页", "page down"),
            KeyTop => ("到第一行", "first row"),
            KeyBottom => ("到最后一行", "last row"),
            KeyNextTab => ("下一个标签页", "next tab"),
            KeyPrevTab => ("上一个标签页", "previous tab"),
            KeyGoTab => ("切换到第 1–7 个标签页", "go to tab 1–7"),
            KeyToggleWithdrawn => ("显示/隐藏已撤回的记录", "show/hide withdrawn rows"),
            KeyRefresh => ("立即刷新", "refresh now"),
            KeyHelp => ("打开/关闭帮助", "open/close this help"),
            KeyQuit => ("退出", "quit"),
            KeyForceQuit => ("立即退出", "quit at once"),
            KeyMouse => (
                "点击标签页或行；滚轮滚动",
                "click a tab or a row; wheel scrolls",
            ),
            DashHeadline => ("核心数据", "Headline"),
            DashAchievements => ("展示成果", "Achievements shown"),
            DashHolders => ("成果持有单位", "Holders"),
            DashEnterprises => ("登记企业", "Enterprises"),
            DashCheckedIn => ("已签到", "Checked in"),
            DashInterests => ("意向", "Interest"),
            DashEnquiry => ("  其中咨询", "  enquiry"),
            DashInterested => ("有意向", "interested"),
            DashInDepth => ("深度洽谈", "in-depth"),
            DashMeetingsHeld => ("已洽谈", "Meetings held"),
            DashNoShow => ("未到场", "no-show"),
            DashAgreements => ("签约", "Agreements signed"),
            DashCeremony => ("集中签约", "at the ceremony"),
            DashContractTotal => ("合同成交额", "Contract amount"),
            DashTechTotal => ("技术交易额", "Tech. transactions"),
            DashByField => ("按技术领域（成果数）", "By field (achievements)"),
            DashByType => ("按合同类型（签约数）", "By contract type (agreements)"),
            DashByRegion => ("按受让方地区（签约数）", "By buyer region (agreements)"),
            DashTop => ("意向最多的成果", "Most interest"),
            DashIntentNote => (
                "意向、洽谈与签约分别统计，意向不计入签约",
                "interest, talks and agreements are counted apart",
            ),
            KeySearch => (
                "搜索（支持拼音和首字母）",
                "search (pinyin and initials too)",
            ),
            KeyOpen => ("查看详情", "open details"),
            KeyNew => ("新建", "new"),
            KeyEdit => ("编辑", "edit"),
            KeyWithdraw => ("撤回（需填写原因）", "withdraw (asks for a reason)"),
            KeyCheckIn => ("签到", "check in"),
            KeyClearSearch => ("清除搜索", "clear the search"),
            KeySearchDone => ("结束输入，保留筛选", "stop typing, keep the filter"),
            KeyNextField => ("下一项", "next field"),
            KeyPrevField => ("上一项", "previous field"),
            KeyChoose => ("选择（可选项）/下一项", "choose (pick lists) / next field"),
            KeySave => ("保存", "save"),
            KeyCancelForm => ("取消（有改动时先确认）", "cancel (asks if changed)"),
            KeyPick => ("选定", "pick"),
            KeyToggleChoice => ("多选：勾选/取消", "multi-choice: tick or untick"),
            KeyClose => ("关闭", "close"),
            KeyScrollUp => ("向上滚动", "scroll up"),
            KeyScrollDown => ("向下滚动", "scroll down"),
            KeyBack => ("返回", "back"),
            KeyYes => ("确定", "yes"),
            KeyNo => ("取消", "no"),
            KeyConfirm => ("确认", "confirm"),
            KeyUseExisting => ("使用已有单位", "use the existing one"),
            KeySaveAnyway => ("仍然新建", "register anyway"),
            KeyBackToForm => ("返回", "go back"),
            KeyTyping => ("其他按键直接输入文字", "other keys type text"),
            FormNewAchievement => ("新建成果", "New achievement"),
            FormEditAchievement => ("编辑成果", "Edit achievement"),
            FormNewOrganization => ("新建单位", "New organization"),
            FormEditOrganization => ("编辑单位", "Edit organization"),
            FormHint => (
                "Tab 下一项 · Enter 选择 · Ctrl-S 保存 · Esc 取消 · F1 帮助",
                "Tab next · Enter choose · Ctrl-S save · Esc cancel · F1 help",
            ),
            FormRequired => ("（必填）", " (required)"),
            FormPickHint => ("按 Enter 选择", "press Enter to choose"),
            PickerHint => (
                "输入筛选 · ↑↓ 移动 · Enter 选定 · Esc 关闭",
                "type to filter · ↑↓ move · Enter pick · Esc close",
            ),
            PickerMultiHint => (
                "输入筛选 · Tab 勾选 · Enter 完成 · Esc 关闭",
                "type to filter · Tab tick · Enter done · Esc close",
            ),
            ConfirmTitle => ("请确认", "Please confirm"),
            ConfirmDiscard => (
                "表单有未保存的改动，确定放弃吗？",
                "The form has unsaved changes. Discard them?",
            ),
            ConfirmQuit => (
                "表单有未保存的改动，确定退出吗？",
                "The form has unsaved changes. Quit anyway?",
            ),
            ConfirmHint => ("Enter/y 确定 · Esc/n 取消", "Enter/y yes · Esc/n no"),
            WithdrawTitle => ("撤回", "Withdraw"),
            WithdrawPrompt => ("撤回原因：", "Reason: "),
            WithdrawHint => ("Enter 确认撤回 · Esc 取消", "Enter withdraw · Esc cancel"),
            ReasonRequired => ("请填写撤回原因", "a reason is required"),
            CheckInTitle => ("签到", "Check in"),
            CheckInPerson => ("到场人员：", "Person:   "),
            CheckInBadge => ("胸牌号：  ", "Badge no.:"),
            CheckInHint => (
                "Enter 签到（人员、胸牌号可不填）· Esc 取消",
                "Enter check in (person and badge optional) · Esc cancel",
            ),
            SimilarTitle => ("可能已登记", "Possibly registered already"),
            SimilarBody => (
                "以下单位名称相近，可能是同一单位：",
                "These registered names look like the same organization:",
            ),
            SimilarHint => (
                "Enter/u 使用选中的已有单位 · s 仍然新建 · Esc 返回修改",
                "Enter/u use the selected one · s register anyway · Esc go back",
            ),
            DuplicateTitle => ("信用代码已登记", "Credit code already registered"),
            DuplicateHint => (
                "Enter/u 查看已有单位 · Esc 返回修改",
                "Enter/u open the existing one · Esc go back",
            ),
            SearchPrompt => ("搜索：", "Search: "),
            SearchMatches => ("条匹配", "matches"),
            DetailsAchievement => ("成果详情", "Achievement"),
            DetailsOrganization => ("单位详情", "Organization"),
            DetailsInterests => ("意向企业", "Interested enterprises"),
            DetailsOwnInterests => ("意向登记", "Interests logged"),
            DetailsHeld => ("持有成果", "Achievements held"),
            DetailsAgreements => ("签约", "Agreements"),
            DetailsNone => ("（无）", "(none)"),
            DetailsCheckin => ("签到", "Check-in"),
            DetailsNotCheckedIn => ("未签到", "not checked in"),
            DetailsStatus => ("状态", "Status"),
            DetailsHint => (
                "e 编辑 · x 撤回 · Esc 返回",
                "e edit · x withdraw · Esc back",
            ),
            DetailsOrgHint => (
                "e 编辑 · c 签到 · x 撤回 · Esc 返回",
                "e edit · c check in · x withdraw · Esc back",
            ),
            Active => ("有效", "active"),
            NotFound => ("记录已不存在", "the record is gone"),
            NothingSelected => ("没有选中的记录", "nothing selected"),
            FormFixErrors => ("请先修正标红的字段", "fix the fields marked in red first"),
            FormNewInterest => ("登记意向", "Log interest"),
            FormNewMeeting => ("预约洽谈", "Book a meeting"),
            KeyLogInterest => ("登记意向", "log interest"),
            KeyBookMeeting => (
                "预约洽谈（自动给出下一个空闲时段）",
                "book a meeting (the next free slot is offered)",
            ),
            KeyHeld => ("标记为已洽谈", "mark as held"),
            KeyNoShow => ("标记为未到场", "mark as no-show"),
            KeyBooked => ("恢复为已预约", "back to booked"),
            KeyCancelMeeting => ("取消洽谈（先确认）", "cancel the meeting (asks first)"),
            KeyInterestFromMeeting => (
                "由已洽谈的会谈生成意向",
                "turn a held meeting into interest",
            ),
            KeyGrid => ("切换列表 / 桌位时段表", "switch list / table grid"),
            KeyPrevDay => ("前一天", "previous day"),
            KeyNextDay => ("后一天", "next day"),
            KeyIssueCode => ("发放展方访问码", "issue an exhibitor access code"),
            KeyOpenAchievement => ("查看成果详情", "open the achievement"),
            ConfirmCancelMeeting => (
                "确定取消该洽谈吗？桌位将空出。",
                "Cancel this meeting? Its table becomes free.",
            ),
            ConfirmIssueCode => (
                "为该单位发放新的访问码？旧访问码将失效。",
                "Issue a new access code? The old one stops working.",
            ),
            CodeTitle => ("展方访问码", "Exhibitor access code"),
            CodeBody => (
                "请把访问码交给展方，此码只显示这一次：",
                "Give this code to the exhibitor; it is shown only this once:",
            ),
            CodeHint => ("Enter 关闭", "Enter closes"),
            GridTitle => ("洽谈桌位表", "Meeting tables"),
            GridTables => ("桌", "tables"),
            HeldOnly => (
                "只有已洽谈的会谈可以生成意向",
                "only a held meeting becomes interest",
            ),
            DetailsMeetings => ("洽谈", "Meetings"),
            ExhibitorAchievements => ("我的成果", "My achievements"),
            ExhibitorInterests => ("意向企业", "Interested enterprises"),
            ExhibitorNote => ("备注", "Note"),
            ExhibitorNoConsent => ("（未授权公开联系方式）", "(contact not shared)"),
            ExhibitorReadOnly => ("展方只读视图", "exhibitor view, read-only"),
            ExhibitorLoginTitle => ("展方登录", "Exhibitor sign-in"),
            ExhibitorLoginBody => (
                "请输入主办方发放的访问码，按 Enter 确认。",
                "Enter the access code the organizers gave you, then Enter.",
            ),
            ExhibitorCodePrompt => ("访问码：", "Code: "),
            KeySign => ("登记签约", "record an agreement"),
            KeyVoid => ("作废（需填写原因）", "void (asks for a reason)"),
            KeyCorrect => ("更正金额（留痕）", "correct the amounts (audited)"),
            FormNewAgreement => ("登记签约", "Record an agreement"),
            VoidTitle => ("作废签约", "Void an agreement"),
            VoidPrompt => ("作废原因：", "Reason: "),
            VoidReasonRequired => ("请填写作废原因", "a void reason is required"),
            VoidHint => ("Enter 确认作废 · Esc 取消", "Enter void · Esc cancel"),
            CorrectTitle => ("更正金额", "Correct the amounts"),
            CorrectContract => ("合同成交额：", "Contract:   "),
            CorrectTech => ("技术交易额：", "Technology: "),
            CorrectHint => (
                "Tab 切换 · Enter 保存 · Esc 取消",
                "Tab switch · Enter save · Esc cancel",
            ),
            DetailsAgreement => ("签约详情", "Agreement"),
            DetailsParties => (
                "双方（技术合同登记）",
                "Parties (for contract registration)",
            ),
            DetailsHistory => ("修改记录", "History"),
            DetailsAgreementHint => (
                "e 更正金额 · x 作废 · Esc 返回",
                "e correct amounts · x void · Esc back",
            ),
            DetailsLoading => ("（读取中）", "(loading)"),
            KeyBigScreen => ("大屏模式（投影）", "big screen (projector)"),
            BigAgreements => ("签约项目", "Agreements signed"),
            BigContract => ("合同成交额", "Contract amount"),
            BigTech => ("技术交易额", "Technology transactions"),
            BigAchievements => ("展示成果", "Achievements shown"),
            BigInterests => ("意向", "Interest logged"),
            BigMeetings => ("已洽谈", "Meetings held"),
            BigHint => ("b 或 Esc 返回 · q 退出", "b or Esc back · q quit"),
            DashByHour => ("每小时签约", "Agreements per hour"),
            TabNeeds => ("需求", "Needs"),
            ColBudget => ("预算", "Budget"),
            ColDeadline => ("截止", "Deadline"),
            FormNewNeed => ("登记技术需求", "New technology need"),
            FormEditNeed => ("编辑技术需求", "Edit technology need"),
            KeyRecommend => ("推荐匹配（说明理由）", "suggest matches (with reasons)"),
            KeySuggestInterest => (
                "把所选推荐登记为意向",
                "log the selected suggestion as interest",
            ),
            SuggestionsForNeed => ("为需求推荐的成果", "Achievements suggested for"),
            SuggestionsForAchievement => ("为成果推荐的企业", "Enterprises suggested for"),
            SuggestionsHint => (
                "↑↓ 选择 · i 登记意向 · m 预约洽谈 · Esc 返回",
                "↑↓ select · i log interest · m book a meeting · Esc back",
            ),
            SuggestionLinked => ("已对接", "linked"),
            SuggestionNone => ("（暂无推荐）", "(no suggestions)"),
            ExhibitorHint => (
                "Tab 切换 · ↑↓ 滚动 · ? 帮助 · q 退出",
                "Tab switch · ↑↓ scroll · ? help · q quit",
            ),

            NotForThisList => ("此列表不支持该操作", "not available on this list"),
            KeyConflicts => ("审核合并冲突", "review merge conflicts"),
            BannerReadOnly => (
                "只读：文件不可写，修改不会保存",
                "READ-ONLY: the file cannot be written; nothing is saved",
            ),
            BannerIntegrity => (
                "文件检查未通过：请运行 fairdesk check",
                "the file failed its check: run fairdesk check",
            ),
            BackupSaved => ("已备份", "backed up"),
            BackupFailed => ("备份失败", "backup failed"),
            ConflictsTitle => ("合并冲突审核", "Merge conflicts"),
            ConflictsHint => (
                "处合并冲突待审核，按 c 审核",
                "merge conflicts wait for review: press c",
            ),
            ConflictsNone => ("没有合并冲突", "no merge conflicts"),
            ConflictsKeys => (
                "↑↓ 选择  a 保留现有记录  x 改用保留的版本  Esc 关闭",
                "↑↓ select  a keep the record  x use the set-aside version  Esc close",
            ),
            ConflictStatusOpen => ("待审核", "open"),
            ConflictStatusKept => ("已保留", "kept"),
            ConflictStatusReversed => ("已改用", "reversed"),
            ConflictStatusSuperseded => ("已取代", "superseded"),
            ColConflictKind => ("类别", "Kind"),
            ColConflictRecord => ("记录", "Record"),
            ColConflictKept => ("现在的记录", "The record now"),
            ColConflictSetAside => ("保留待审核的版本", "Set aside"),
            ColConflictField => ("字段", "Field"),
            ConflictConfirmKeep => (
                "保留现有记录？按 y 确认，其他键取消",
                "Keep the record as it is? y confirms, any other key cancels",
            ),
            ConflictConfirmReverse => (
                "改用保留的版本？按 y 确认，其他键取消",
                "Use the set-aside version? y confirms, any other key cancels",
            ),
            ConflictDoneKeep => ("已保留现有记录", "kept the record as it is"),
            ConflictDoneReverse => (
                "已改用保留的版本",
                "the set-aside version is the record now",
            ),
            ConflictAlreadyDecided => ("这一处已审核过", "this one was already decided"),
            ConflictSameContent => ("（与现在的记录相同）", "(same as the record)"),
        }
    }
}

/// "已保存 A347" / "saved A347".
pub fn saved(lang: Lang, code: &str) -> String {
    match lang {
        Lang::Zh => format!("已保存 {code}"),
        Lang::En => format!("saved {code}"),
    }
}

/// "已撤回" / "withdrawn".
pub fn withdrawn_done(lang: Lang, label: &str) -> String {
    match lang {
        Lang::Zh => format!("已撤回：{label}"),
        Lang::En => format!("withdrawn: {label}"),
    }
}

/// A first check-in.
pub fn checked_in(lang: Lang, name: &str, time: &str) -> String {
    match lang {
        Lang::Zh => format!("{name} 已于 {time} 签到"),
        Lang::En => format!("{name} checked in at {time}"),
    }
}

/// A second check-in: when and where the first one was.
pub fn already_checked_in(lang: Lang, name: &str, time: &str, desk: &str) -> String {
    match lang {
        Lang::Zh => format!("{name} 已于 {time} 在 {desk} 签到过，不重复计数"),
        Lang::En => {
            format!("{name} already checked in at {time} at desk {desk}; not counted twice")
        }
    }
}

/// "信用代码已登记为 O012 某某公司".
pub fn duplicate_body(lang: Lang, code: &str, name: &str) -> String {
    match lang {
        Lang::Zh => format!("该统一社会信用代码已登记为 {code} {name}。"),
        Lang::En => format!("This credit code is registered already, to {code} {name}."),
    }
}

/// "撤回 A001 某成果？".
pub fn withdraw_question(lang: Lang, label: &str) -> String {
    match lang {
        Lang::Zh => format!("撤回 {label}？撤回后默认不再显示，但不会删除。"),
        Lang::En => format!("Withdraw {label}? It is hidden by default afterwards, never deleted."),
    }
}

/// After logging an interest: created, raised, or already there.
pub fn interest_logged(
    lang: Lang,
    outcome: crate::store::interests::InterestOutcome,
    label: &str,
    level: &str,
) -> String {
    use crate::store::interests::InterestOutcome::*;
    let level = crate::domain::vocab::INTEREST_LEVELS.label(level, lang);
    match (outcome, lang) {
        (Created, Lang::Zh) => format!("已登记意向（{level}）：{label}"),
        (Created, Lang::En) => format!("interest logged ({level}): {label}"),
        (Raised, Lang::Zh) => format!("意向已提升为{level}：{label}"),
        (Raised, Lang::En) => format!("interest raised to {level}: {label}"),
        (Unchanged, Lang::Zh) => format!("该意向已存在（{level}），未重复登记：{label}"),
        (Unchanged, Lang::En) => format!("already logged ({level}); not doubled: {label}"),
    }
}

/// An audit row's action, as people say it.
pub fn action_label(action: &str, lang: Lang) -> String {
    let (zh, en) = match action {
        "create" => ("登记", "created"),
        "update" => ("修改", "changed"),
        "correct" => ("更正金额", "amounts corrected"),
        "void" => ("作废", "voided"),
        "withdraw" => ("撤回", "withdrawn"),
        "check_in" => ("签到", "checked in"),
        other => (other, other),
    };
    lang.pick(zh, en).to_string()
}

/// After voiding an agreement.
pub fn voided(lang: Lang, code: &str) -> String {
    match lang {
        Lang::Zh => format!("已作废 {code}（保留在记录中，不计入总额）"),
        Lang::En => format!("voided {code} (kept in the records, out of the totals)"),
    }
}

/// After correcting an agreement's amounts.
pub fn corrected(lang: Lang, code: &str) -> String {
    match lang {
        Lang::Zh => format!("已更正 {code} 的金额（已留痕）"),
        Lang::En => format!("corrected the amounts of {code} (audited)"),
    }
}

/// What voiding changes in the totals.
pub fn void_effect(lang: Lang, count: i64, contract_before: &str, contract_after: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "作废后：签约 {count} → {}，合同成交额 {contract_before} → {contract_after}",
            count - 1
        ),
        Lang::En => format!(
            "after voiding: agreements {count} → {}, contract amount {contract_before} → {contract_after}",
            count - 1
        ),
    }
}

/// After booking: the table and the time.
pub fn booked(lang: Lang, table: u32, time: &str) -> String {
    match lang {
        Lang::Zh => format!("已预约：{table} 号桌，{time}"),
        Lang::En => format!("booked: table {table}, {time}"),
    }
}

/// After a meeting's status changed.
pub fn meeting_status(lang: Lang, status: &str) -> String {
    let label = crate::domain::vocab::meeting_status_label(status, lang);
    match lang {
        Lang::Zh => format!("洽谈状态：{label}"),
        Lang::En => format!("meeting status: {label}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn every_message_has_text_in_both_languages() {
        let mut count = 0;
        for m in Msg::iter() {
            let (zh, en) = m.pair();
            assert!(!zh.trim().is_empty(), "{m:?} has no Chinese");
            assert!(!en.trim().is_empty(), "{m:?} has no English");
            assert!(
                !zh.is_ascii() || zh == en,
                "{m:?}: the Chinese text looks untranslated"
            );
            count += 1;
        }
        assert!(count > 100);
    }

    #[test]
    fn english_texts_are_english() {
        for m in Msg::iter() {
            let (_, en) = m.pair();
            assert!(
                !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{m:?}: Chinese characters in the English text"
            );
        }
    }
}
