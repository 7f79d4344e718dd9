//! What rows show of the records they refer to (an enterprise's name; an achievement's
//! code, title and holder), found by id. Each record's id and texts are kept in one
//! allocation, found through a set keyed by the id part: an interest row, which looks up
//! records in no useful order, touches two or three cache lines per record instead of
//! one per `String`.
use crate::export::id_map::IdHasher;
use std::borrow::Borrow;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// Most texts a record keeps after its id.
const MAX_PARTS: usize = 5;

/// A record's id followed by the texts rows show of it.
pub struct Named {
    text: Box<str>,
    /// Where each part ends in `text`; `parts` of them are used.
    ends: [u32; MAX_PARTS],
    parts: u8,
}

impl Named {
    /// `parts[0]` is the id.
    pub fn new(parts: &[&str]) -> Named {
        let parts = &parts[..parts.len().min(MAX_PARTS)];
        let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        let mut ends = [0u32; MAX_PARTS];
        for (i, part) in parts.iter().enumerate() {
            text.push_str(part);
            ends[i] = text.len() as u32;
        }
        Named {
            text: text.into_boxed_str(),
            ends,
            parts: parts.len() as u8,
        }
    }

    /// Part `i` (0 is the id), or `None` past the last.
    pub fn part(&self, i: usize) -> Option<&str> {
        if i >= usize::from(self.parts) {
            return None;
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text.get(start..self.ends[i] as usize)
    }

    pub fn id(&self) -> &str {
        self.part(0).unwrap_or_default()
    }
}

impl Borrow<str> for Named {
    fn borrow(&self) -> &str {
        self.id()
    }
}

impl Hash for Named {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id().hash(state)
    }
}

impl PartialEq for Named {
    fn eq(&self, other: &Named) -> bool {
        self.id() == other.id()
    }
}

impl Eq for Named {}

/// Records by id.
pub type Names = HashSet<Named, BuildHasherDefault<IdHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_come_back_whole_and_records_are_found_by_id() {
        let mut names = Names::default();
        names.insert(Named::new(&["id-1", "A001", "稀土永磁", "", "内蒙古大学"]));
        names.insert(Named::new(&["id-2", "O002"]));
        let a = names.get("id-1").unwrap();
        assert_eq!(a.id(), "id-1");
        assert_eq!(a.part(1), Some("A001"));
        assert_eq!(a.part(2), Some("稀土永磁"));
        assert_eq!(a.part(3), Some(""));
        assert_eq!(a.part(4), Some("内蒙古大学"));
        assert_eq!(a.part(5), None);
        assert_eq!(names.get("id-2").unwrap().part(2), None);
        assert!(!names.contains("id-3"));
        assert!(!names.contains("id-"));
    }
}
