//! Semantic style roles; widgets ask for a role, never for a colour.
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Normal,
    Title,
    Muted,
    Header,
    Selected,
    ActiveTab,
    Tab,
    StatusBar,
    Error,
    Figure,
    Bar,
    /// Characters a search matched.
    Match,
}

pub fn style(role: Role) -> Style {
    match role {
        Role::Normal => Style::default(),
        Role::Title => Style::default().add_modifier(Modifier::BOLD),
        Role::Muted => Style::default().fg(Color::DarkGray),
        Role::Header => Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        Role::Selected => Style::default().add_modifier(Modifier::REVERSED),
        Role::ActiveTab => Style::default()
            .fg(Color::Black)
            .bg(Color::Cyan)
            .add_modifier(Modifier::BOLD),
        Role::Tab => Style::default(),
        Role::StatusBar => Style::default().fg(Color::Black).bg(Color::Gray),
        Role::Error => Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        Role::Figure => Style::default()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD),
        Role::Bar => Style::default().fg(Color::Cyan),
        Role::Match => Style::default()
            .fg(Color::LightYellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    }
}
