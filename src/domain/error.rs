//! Validation errors that name the field they are about, in either language.
use crate::domain::credit_code::CreditCodeError;
use crate::domain::lang::Lang;
use crate::domain::money::MoneyError;
use crate::domain::phone::{EmailError, PhoneError};

/// What is wrong with one field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    CreditCode(CreditCodeError),
    Money(MoneyError),
    Phone(PhoneError),
    Email(EmailError),
    /// A value outside its vocabulary; carries the value as typed.
    NotInVocabulary {
        value: String,
    },
    /// A reference (organization, achievement …) that matches nothing.
    NotFound {
        reference: String,
    },
    /// A reference that matches more than one record.
    Ambiguous {
        reference: String,
    },
    WrongKind {
        expected: &'static str,
    },
    OutOfRange {
        min: i64,
        max: i64,
    },
    BadDate {
        value: String,
    },
    BadTime {
        value: String,
    },
    TechAboveContract,
    MixedHolders,
    Duplicate {
        existing: String,
    },
    Other {
        zh: String,
        en: String,
    },
}

/// One field's error: the field's snake_case name (as in the JSON export) and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: &'static str, problem: Problem) -> FieldError {
        FieldError { field, problem }
    }

    /// "持有单位：找不到“某某”" / "holder: nothing matches “某某”".
    pub fn message(&self, lang: Lang) -> String {
        let sep = lang.pick("：", ": ");
        format!(
            "{}{}{}",
            field_label(self.field, lang),
            sep,
            self.problem.message(lang)
        )
    }
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Required => lang.pick("必填", "required").to_string(),
            Problem::TooLong { max } => match lang {
                Lang::Zh => format!("不能超过{max}个字符"),
                Lang::En => format!("at most {max} characters"),
            },
            Problem::CreditCode(e) => e.message(lang),
            Problem::Money(e) => e.message(lang),
            Problem::Phone(e) => e.message(lang),
            Problem::Email(e) => e.message(lang),
            Problem::NotInVocabulary { value } => match lang {
                Lang::Zh => format!("“{value}”不是可选值"),
                Lang::En => format!("“{value}” is not one of the allowed values"),
            },
            Problem::NotFound { reference } => match lang {
                Lang::Zh => format!("找不到“{reference}”"),
                Lang::En => format!("nothing matches “{reference}”"),
            },
            Problem::Ambiguous { reference } => match lang {
                Lang::Zh => format!("“{reference}”对应多条记录，请用编号"),
                Lang::En => format!("“{reference}” matches several records; use the code"),
            },
            Problem::WrongKind { expected } => match lang {
                Lang::Zh => format!(
                    "应为{}",
                    crate::domain::vocab::org_kind_label(expected, lang)
                ),
                Lang::En => format!(
                    "must be a(n) {}",
                    crate::domain::vocab::org_kind_label(expected, lang).to_lowercase()
                ),
            },
            Problem::OutOfRange { min, max } => match lang {
                Lang::Zh => format!("应在{min}到{max}之间"),
                Lang::En => format!("must be between {min} and {max}"),
            },
            Problem::BadDate { value } => match lang {
                Lang::Zh => format!("“{value}”不是日期，请写作 2019-12-10"),
                Lang::En => format!("“{value}” is not a date; write 2019-12-10"),
            },
            Problem::BadTime { value } => match lang {
                Lang::Zh => format!("“{value}”不是时间，请写作 2019-12-10 15:30"),
                Lang::En => format!("“{value}” is not a time; write 2019-12-10 15:30"),
            },
            Problem::TechAboveContract => lang
                .pick(
                    "技术交易额不能高于合同成交额",
                    "technology transaction amount cannot exceed the contract amount",
                )
                .to_string(),
            Problem::MixedHolders => lang
                .pick(
                    "所选成果属于不同持有单位，请标记为多方协议",
                    "the achievements have different holders; mark the agreement as multi-party",
                )
                .to_string(),
            Problem::Duplicate { existing } => match lang {
                Lang::Zh => format!("已存在：{existing}"),
                Lang::En => format!("already exists: {existing}"),
            },
            Problem::Other { zh, en } => lang.pick(zh, en).to_string(),
        }
    }
}

/// All the errors of one record; never empty when returned as an `Err`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, field: &'static str, problem: Problem) {
        self.0.push(FieldError::new(field, problem));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first error for `field`, if any (forms show it beside the field).
    pub fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }

    /// `Ok(value)` when no error was collected.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let sep = lang.pick("；", "; ");
        self.0
            .iter()
            .map(|e| e.message(lang))
            .collect::<Vec<_>>()
            .join(sep)
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for FieldErrors {}

impl From<FieldError> for FieldErrors {
    fn from(e: FieldError) -> Self {
        FieldErrors(vec![e])
    }
}

/// The label of a field, as forms and messages show it.
pub fn field_label(field: &str, lang: Lang) -> &'static str {
    let (zh, en) = match field {
        "name" => ("名称", "name"),
        "kind" => ("类型", "kind"),
        "credit_code" => ("统一社会信用代码", "credit code"),
        "region" => ("地区", "region"),
        "industry" => ("行业", "industry"),
        "contact_name" => ("联系人", "contact name"),
        "contact_phone" => ("联系电话", "contact phone"),
        "contact_email" => ("电子邮箱", "contact email"),
        "contact_consent" => ("同意向展方公开联系方式", "contact consent"),
        "note" => ("备注", "note"),
        "code" => ("编号", "code"),
        "title" => ("名称", "title"),
        "holder" => ("持有单位", "holder"),
        "field" => ("技术领域", "technology field"),
        "maturity" => ("成熟度", "maturity"),
        "trl" => ("技术就绪度", "TRL"),
        "patents" => ("知识产权", "patents"),
        "transfer_modes" => ("转化方式", "transfer modes"),
        "asking_price" => ("意向价格", "asking price"),
        "summary" => ("简介", "summary"),
        "keywords" => ("关键词", "keywords"),
        "booth" => ("展位", "booth"),
        "organization" => ("需求单位", "organization"),
        "description" => ("需求描述", "description"),
        "budget" => ("预算", "budget"),
        "cooperation_modes" => ("合作方式", "cooperation modes"),
        "deadline" => ("截止日期", "deadline"),
        "enterprise" => ("企业", "enterprise"),
        "achievement" => ("成果", "achievement"),
        "achievements" => ("成果", "achievements"),
        "level" => ("意向程度", "level"),
        "contact_person" => ("对接人", "contact person"),
        "logged_at" => ("登记时间", "logged at"),
        "table_no" => ("桌号", "table"),
        "slot_start" => ("时段", "time slot"),
        "slot_minutes" => ("时长（分钟）", "minutes"),
        "status" => ("状态", "status"),
        "buyer" => ("受让方（企业）", "buyer"),
        "seller" => ("出让方", "seller"),
        "contract_type" => ("合同类型", "contract type"),
        "transfer_mode" => ("转化方式", "transfer mode"),
        "contract_amount" => ("合同成交额", "contract amount"),
        "tech_amount" => ("技术交易额", "technology transaction amount"),
        "signed_at" => ("签约时间", "signed at"),
        "ceremony" => ("集中签约", "on-stage ceremony"),
        "multi_party" => ("多方协议", "multi-party"),
        "reason" => ("原因", "reason"),
        "badge" => ("胸牌号", "badge"),
        "tables" => ("洽谈桌数", "tables"),
        "sessions" => ("洽谈时段", "sessions"),
        "access_code" => ("访问码", "access code"),
        "venue" => ("地点", "venue"),
        "starts_on" => ("开始日期", "starts on"),
        "ends_on" => ("结束日期", "ends on"),
        "organizer" => ("主办单位", "organizer"),
        "timezone" => ("时区", "time zone"),
        "id" => ("标识", "id"),
        _ => ("字段", "field"),
    };
    lang.pick(zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_the_field_in_both_languages() {
        let e = FieldError::new("title", Problem::Required);
        assert_eq!(e.message(Lang::Zh), "名称：必填");
        assert_eq!(e.message(Lang::En), "title: required");
    }

    #[test]
    fn into_result_is_ok_only_without_errors() {
        assert_eq!(FieldErrors::default().into_result(3), Ok(3));
        let mut errs = FieldErrors::default();
        errs.push("tech_amount", Problem::TechAboveContract);
        assert!(errs.clone().into_result(3).is_err());
        assert!(errs.for_field("tech_amount").is_some());
        assert!(errs.for_field("title").is_none());
    }
}
