//! The five tone marks of Vietnamese, as combining characters (NFD). Level tone
//! (*thanh ngang*) has no mark. Both the analyzer (tone placement) and the Telex/VNI
//! reader use this one list.

/// Huyền: `à`.
pub const GRAVE: char = '\u{300}';
/// Sắc: `á`.
pub const ACUTE: char = '\u{301}';
/// Ngã: `ã`.
pub const TILDE: char = '\u{303}';
/// Hỏi: `ả`.
pub const HOOK: char = '\u{309}';
/// Nặng: `ạ`.
pub const DOT: char = '\u{323}';

/// Every tone mark.
pub const TONE_MARKS: [char; 5] = [GRAVE, ACUTE, TILDE, HOOK, DOT];

/// True for a combining tone mark.
pub fn is_tone_mark(c: char) -> bool {
    TONE_MARKS.contains(&c)
}
