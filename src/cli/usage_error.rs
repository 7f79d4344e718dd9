//! clap's usage errors (unknown argument, missing argument, invalid value, unknown
//! subcommand, …) said in the user's language. clap writes them in English; for Chinese
//! they are written again here from the error's parts, naming the argument and pointing
//! to `--help`. The language comes from the raw arguments, as the parse failed.
use crate::domain::lang::Lang;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::ffi::OsString;

/// `--lang zh|en` (or `--lang=…`) among the raw arguments; when absent or not one of
/// those, the environment's language, as for a command line that parses.
pub fn lang_of_raw_args(args: &[OsString]) -> Lang {
    let mut asked = None;
    let mut iter = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        let value = if arg == "--lang" {
            iter.next().map(|v| v.into_owned())
        } else {
            arg.strip_prefix("--lang=").map(str::to_string)
        };
        match value.as_deref() {
            Some("zh") => asked = Some(super::args::LangArg::Zh),
            Some("en") => asked = Some(super::args::LangArg::En),
            _ => {}
        }
    }
    super::resolve_lang(asked)
}

/// The whole message for stderr, in Chinese; `raw` is the command line that failed.
pub fn zh_message(e: &clap::Error, raw: &[OsString]) -> String {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) if !v.is_empty() => Some(v.join("、")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let mut out = String::from("错误：");
    out.push_str(&match e.kind() {
        ErrorKind::UnknownArgument => format!("无法识别的参数 '{arg}'"),
        ErrorKind::InvalidSubcommand => format!(
            "无法识别的子命令 '{}'",
            text(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => format!("缺少必填参数 {arg}"),
        ErrorKind::MissingSubcommand => format!(
            "'{}' 需要一个子命令",
            text(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("参数 '{arg}' 需要一个值，但没有给出")
        }
        ErrorKind::InvalidValue => format!("参数 '{arg}' 的值 '{value}' 无效"),
        ErrorKind::ValueValidation => {
            let detail = std::error::Error::source(e)
                .map(|s| format!("：{}", zh_detail(&s.to_string())))
                .unwrap_or_default();
            format!("参数 '{arg}' 的值 '{value}' 无效{detail}")
        }
        ErrorKind::TooManyValues => format!("参数 '{arg}' 不接受多余的值 '{value}'"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!(
            "参数 '{arg}' 需要 {} 个值，实际给了 {} 个",
            text(ContextKind::ExpectedNumValues)
                .or_else(|| text(ContextKind::MinValues))
                .unwrap_or_default(),
            text(ContextKind::ActualNumValues).unwrap_or_default()
        ),
        ErrorKind::ArgumentConflict => match text(ContextKind::PriorArg) {
            Some(prior) if prior == arg => format!("参数 '{arg}' 只能给一次"),
            Some(prior) => format!("参数 '{arg}' 不能与 '{prior}' 同时使用"),
            None => format!("参数 '{arg}' 不能与其他参数同时使用"),
        },
        ErrorKind::NoEquals => format!("参数 '{arg}' 的值须用等号给出（{arg}=值）"),
        ErrorKind::InvalidUtf8 => "参数中有无效的 UTF-8 文本".to_string(),
        _ => "命令行参数有误".to_string(),
    });
    out.push('\n');
    if let Some(valid) = text(ContextKind::ValidValue) {
        out.push_str(&format!("  可选的值：{valid}\n"));
    }
    if let Some(valid) = text(ContextKind::ValidSubcommand) {
        out.push_str(&format!("  可用的子命令：{valid}\n"));
    }
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        let suggested = match e.get(kind) {
            Some(ContextValue::String(s)) => vec![s.clone()],
            Some(ContextValue::Strings(v)) => v.clone(),
            _ => Vec::new(),
        };
        if !suggested.is_empty() {
            out.push_str(&format!(
                "\n  提示：是不是要用 '{}'？\n",
                suggested.join("' 或 '")
            ));
        }
    }
    if matches!(
        e.get(ContextKind::TrailingArg),
        Some(ContextValue::Bool(true))
    ) {
        out.push_str(&format!(
            "\n  提示：要把 '{arg}' 当作值传入，请写成 '-- {arg}'\n"
        ));
    }
    let usage = text(ContextKind::Usage).unwrap_or_default();
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    if !usage.is_empty() {
        out.push_str(&format!("\n用法：{usage}\n"));
    }
    out.push_str(&format!(
        "\n查看帮助：{} --help\n",
        command_path(usage, raw)
    ));
    out
}

/// What a value parser said, in Chinese where it is one of the usual messages.
fn zh_detail(detail: &str) -> String {
    if let Some((_, range)) = detail.split_once(" is not in ")
        && let Some((low, high)) = range.split_once("..=")
    {
        return format!("须在 {low} 到 {high} 之间");
    }
    match detail {
        "invalid digit found in string" => "不是整数".to_string(),
        "cannot parse integer from empty string" => "是空的".to_string(),
        "number too large to fit in target type" => "太大".to_string(),
        "number too small to fit in target type" => "太小".to_string(),
        other => other.to_string(),
    }
}

/// `fairdesk init` from `fairdesk init [OPTIONS] --name <NAME>`: the words before the
/// first option or placeholder. Without a usage line (clap leaves it out of value
/// errors), the subcommand named in the raw arguments.
fn command_path(usage: &str, raw: &[OsString]) -> String {
    let words: Vec<&str> = usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['-', '<', '[']))
        .collect();
    if !words.is_empty() {
        return words.join(" ");
    }
    let cli = <super::args::Cli as clap::CommandFactory>::command();
    let with_value: Vec<String> = cli
        .get_arguments()
        .filter(|a| a.get_action().takes_values())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    let mut iter = raw.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = iter.next() {
        if with_value.iter().any(|o| *o == arg) {
            iter.next();
        } else if !arg.starts_with('-') {
            if cli.find_subcommand(arg.as_ref()).is_some() {
                return format!("fairdesk {arg}");
            }
            break;
        }
    }
    "fairdesk".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_read_from_the_raw_arguments() {
        assert_eq!(
            lang_of_raw_args(&os(&["fairdesk", "--lang", "en", "--bogus"])),
            Lang::En
        );
        assert_eq!(
            lang_of_raw_args(&os(&["fairdesk", "--bogus", "--lang=zh"])),
            Lang::Zh
        );
        // After `--` it is a value, not the option.
        assert_eq!(
            lang_of_raw_args(&os(&["fairdesk", "--lang", "zh", "--", "--lang", "en"])),
            Lang::Zh
        );
    }

    #[test]
    fn the_command_path_stops_at_the_first_option() {
        assert_eq!(
            command_path("fairdesk init [OPTIONS] --name <NAME>", &[]),
            "fairdesk init"
        );
        assert_eq!(
            command_path(
                "",
                &os(&["fairdesk", "--db", "x.db", "export", "--format", "x"])
            ),
            "fairdesk export"
        );
        assert_eq!(command_path("", &os(&["fairdesk", "--bogus"])), "fairdesk");
    }
}
