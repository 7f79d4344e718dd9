//! Exports: CSV, XLSX, JSON, Markdown and HTML out.
pub mod atomic;
pub mod cells;
