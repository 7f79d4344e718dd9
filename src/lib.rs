pub mod app { pub mod add; }
pub mod domain;
pub mod store;
