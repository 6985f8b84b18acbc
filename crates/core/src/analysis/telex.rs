//! Reading Vietnamese typed with the input method switched off.
//!
//! Telex (`ddaij hooij`) and VNI (`d9a5i ho65i`) spell diacritics with ASCII keys.
//! [`decode`] turns such a word into the syllable's letters (with their vowel marks
//! and `đ`) and its tone, *without* placing the tone: the caller compares with
//! dictionary words by [`split_tone`], so no tone-placement rule is needed here.
//! The search only tries this for a word that is not itself in the dictionary, so
//! English words (`deadline`, `window`) stay what they are.

/// A tone mark as a combining character (NFD), or none (level tone).
pub type Tone = Option<char>;

use super::tones::{is_tone_mark, ACUTE, DOT, GRAVE, HOOK, TILDE};
use super::unicode;

/// A syllable as (letters without tone, lowercase NFC; tone).
pub fn split_tone(surface: &str) -> (String, Tone) {
    let mut tone = None;
    let letters: String = unicode::decompose(surface)
        .chars()
        .filter(|&c| {
            let is_tone = is_tone_mark(c);
            if is_tone {
                tone = Some(c);
            }
            !is_tone
        })
        .collect();
    (unicode::compose(&letters), tone)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'â' | 'ă' | 'ê' | 'ô' | 'ơ' | 'ư')
}

/// Decodes a lowercase ASCII word typed in Telex or VNI. Returns `None` when the
/// word uses no Telex/VNI key at all (then it means itself) or is not ASCII.
pub fn decode(word: &str) -> Option<(String, Tone)> {
    if !word.is_ascii() || word.len() < 2 || word.len() > 12 {
        return None;
    }
    let word = word.to_ascii_lowercase();
    let has_digit = word.bytes().any(|b| b.is_ascii_digit());
    if has_digit {
        decode_vni(&word)
    } else {
        decode_telex(&word)
    }
}

fn decode_telex(word: &str) -> Option<(String, Tone)> {
    let chars: Vec<char> = word.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut tone = None;
    let mut changed = false;
    for (i, &c) in chars.iter().enumerate() {
        let prev = out.last().copied();
        let is_last = i + 1 == chars.len();
        match (prev, c) {
            (Some('d'), 'd') => {
                *out.last_mut().expect("prev exists") = 'đ';
                changed = true;
            }
            (Some('a'), 'a') => set_last(&mut out, 'â', &mut changed),
            (Some('e'), 'e') => set_last(&mut out, 'ê', &mut changed),
            (Some('o'), 'o') => set_last(&mut out, 'ô', &mut changed),
            (Some('a'), 'w') => set_last(&mut out, 'ă', &mut changed),
            (Some('o'), 'w') => set_last(&mut out, 'ơ', &mut changed),
            (Some('u'), 'w') => set_last(&mut out, 'ư', &mut changed),
            // `uow` → ươ: the w after `uo` marks both.
            (Some('ơ'), 'w') if out.len() >= 2 && out[out.len() - 2] == 'u' => {
                let n = out.len();
                out[n - 2] = 'ư';
                changed = true;
            }
            (_, 's' | 'f' | 'r' | 'x' | 'j') if is_last && out.iter().any(|&v| is_vowel(v)) && tone.is_none() => {
                tone = Some(match c {
                    's' => ACUTE,
                    'f' => GRAVE,
                    'r' => HOOK,
                    'x' => TILDE,
                    _ => DOT,
                });
                changed = true;
            }
            _ => out.push(c),
        }
    }
    // `uow` was read as u + ơ, then the w: make it ươ.
    if let Some(i) = out.windows(2).position(|w| w == ['u', 'ơ']) {
        out[i] = 'ư';
    }
    changed.then(|| (out.into_iter().collect(), tone))
}

fn set_last(out: &mut [char], c: char, changed: &mut bool) {
    if let Some(last) = out.last_mut() {
        *last = c;
        *changed = true;
    }
}

fn decode_vni(word: &str) -> Option<(String, Tone)> {
    let mut out: Vec<char> = Vec::with_capacity(word.len());
    let mut tone = None;
    for c in word.chars() {
        let prev = out.last().copied();
        match (prev, c) {
            (Some('d'), '9') => *out.last_mut()? = 'đ',
            (Some('a'), '6') => *out.last_mut()? = 'â',
            (Some('e'), '6') => *out.last_mut()? = 'ê',
            (Some('o'), '6') => *out.last_mut()? = 'ô',
            (Some('a'), '8') => *out.last_mut()? = 'ă',
            (Some('o'), '7') => *out.last_mut()? = 'ơ',
            (Some('u'), '7') => *out.last_mut()? = 'ư',
            (_, '1'..='5') if tone.is_none() && out.iter().any(|&v| is_vowel(v)) => {
                tone = Some(match c {
                    '1' => ACUTE,
                    '2' => GRAVE,
                    '3' => HOOK,
                    '4' => TILDE,
                    _ => DOT,
                })
            }
            (_, '0'..='9') => return None, // a real number, not VNI
            _ => out.push(c),
        }
    }
    if out.windows(2).any(|w| w == ['u', 'ơ']) {
        let i = out.windows(2).position(|w| w == ['u', 'ơ'])?;
        out[i] = 'ư';
    }
    Some((out.into_iter().collect(), tone))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(word: &str) -> Option<(String, Tone)> {
        decode(word)
    }

    #[test]
    fn telex_decodes_to_letters_and_tone() {
        assert_eq!(read("ddaij"), Some(("đai".into(), Some(DOT))));
        assert_eq!(read("hooij"), Some(("hôi".into(), Some(DOT))));
        assert_eq!(read("dduwowngf"), Some(("đương".into(), Some(GRAVE))));
        assert_eq!(read("duowng"), Some(("dương".into(), None)));
        assert_eq!(read("nguyeenx"), Some(("nguyên".into(), Some(TILDE))));
    }

    #[test]
    fn vni_decodes_to_letters_and_tone() {
        assert_eq!(read("d9a5i"), Some(("đai".into(), Some(DOT))));
        assert_eq!(read("ho65i"), Some(("hôi".into(), Some(DOT))));
        assert_eq!(read("2020"), None);
        // A number is not VNI; `covid19` decodes, but to no Vietnamese syllable, so
        // the search (which checks the dictionary) leaves it alone.
        assert_eq!(read("35"), None);
    }

    #[test]
    fn plain_words_are_not_telex() {
        assert_eq!(read("kim"), None);
        assert_eq!(read("hoi"), None);
    }

    #[test]
    fn split_tone_matches_decoded_telex_whatever_the_placement() {
        assert_eq!(split_tone("đại"), ("đai".into(), Some(DOT)));
        assert_eq!(split_tone("hội"), ("hôi".into(), Some(DOT)));
        assert_eq!(split_tone("hòa"), split_tone("hoà"));
        assert_eq!(split_tone("Sơn".to_lowercase().as_str()), ("sơn".into(), None));
    }
}
