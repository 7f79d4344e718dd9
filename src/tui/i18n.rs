//! Every string the TUI shows, in both languages. A string is a `Msg`; its text comes
//! from one `match`, so a missing translation does not compile.
use crate::domain::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
            KeyGoTab => ("切换到第 1–6 个标签页", "go to tab 1–6"),
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message listed here must have non-empty text in both languages.
    const ALL: &[Msg] = &[
        Msg::TabAchievements,
        Msg::TabOrganizations,
        Msg::TabInterests,
        Msg::TabMeetings,
        Msg::TabAgreements,
        Msg::TabDashboard,
        Msg::HelpTitle,
        Msg::KeyMouse,
        Msg::DashIntentNote,
        Msg::StatusHelpHint,
    ];

    #[test]
    fn both_languages_have_text() {
        for m in ALL {
            let (zh, en) = m.pair();
            assert!(!zh.is_empty() && !en.is_empty(), "{m:?}");
            assert_ne!(zh, en, "{m:?} is untranslated");
        }
    }
}
