//! Maps keyed by record ids (36-character UUID texts), hashed with a multiply-rotate
//! word hash instead of SipHash: an export looks up a name or a code three times per
//! interest row. The ids come from the fair's own file, so resistance to crafted
//! collisions is not needed here.
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        // The multiplications mix upwards: bring the well-mixed high bits down to where
        // the table takes its bucket index from.
        self.0.rotate_left(26)
    }
}

/// A map from ids to `V`.
pub type IdMap<V> = HashMap<String, V, BuildHasherDefault<IdHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_differ_anywhere_are_told_apart() {
        let mut map: IdMap<usize> = IdMap::default();
        let base = "0193a1b2-7c3d-7e4f-8a5b-a13812345678";
        for i in 0..base.len() {
            let mut id = base.as_bytes().to_vec();
            id[i] = b'x';
            map.insert(String::from_utf8(id).unwrap(), i);
        }
        map.insert(base.to_string(), 99);
        map.insert(format!("{base}0"), 100);
        assert_eq!(map.len(), base.len() + 2);
        assert_eq!(map.get(base), Some(&99));
        assert_eq!(map.get(&format!("{base}0")[..]), Some(&100));
        assert_eq!(map.get("x193a1b2-7c3d-7e4f-8a5b-a13812345678"), Some(&0));
        assert_eq!(map.get(""), None);
    }
}
