//! A short hash that is the same on every platform and in every release, for names that must
//! change exactly when what they name changes (the logical ID of a REST API's deployment).
//! `std`'s hashers are not promised to stay the same across releases, so FNV-1a is written out.

/// FNV-1a, 64 bits, of `text`'s bytes.
pub(crate) fn fnv1a_64(text: &str) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    text.bytes().fold(OFFSET_BASIS, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    })
}

/// Ten lower-case hex digits (40 bits) of [`fnv1a_64`]: short enough for a logical ID, long
/// enough that two versions of one template practically never collide.
pub(crate) fn short_hash(text: &str) -> String {
    format!("{:010x}", fnv1a_64(text) >> 24)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_64_known_values() {
        // The reference values of the FNV authors' test suite.
        for (text, hash) in [
            ("", 0xcbf2_9ce4_8422_2325),
            ("a", 0xaf63_dc4c_8601_ec8c),
            ("foobar", 0x8594_4171_f739_67e8),
        ] {
            assert_eq!(fnv1a_64(text), hash, "{text:?}");
        }
    }

    #[test]
    fn short_hash_is_ten_hex_digits_of_the_top_bits() {
        assert_eq!(short_hash("foobar"), "85944171f7");
        assert_eq!(short_hash(""), "cbf29ce484");
        assert_ne!(short_hash("maxAge: 600"), short_hash("maxAge: 601"));
    }
}
