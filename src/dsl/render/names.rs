//! Names: escaping graph names for Cypher, and handing out variable, column and
//! parameter names that never clash.

use crate::schema::names::is_plain;
use std::borrow::Cow;

/// Escapes a label, relationship type, property key or variable for Cypher.
///
/// Plain identifiers (ASCII letter or `_`, then letters, digits, `_`) that are not reserved
/// words stay as they are. Anything else is wrapped in backticks with inner backticks doubled.
///
/// Neo4j reads unicode escapes (`\u0060`, `\uu0060`, .. with any number of `u`, and
/// `\U00000060`) as the characters they stand for *before* it reads a quoted name, so such
/// a sequence is decoded here first, and the backticks it may produce are doubled like any
/// other: no name can break out of its quotes. Such a name therefore renders as what it
/// decodes to; the derives refuse names holding `\u` at compile time, so typed queries
/// never rename anything.
pub fn escape_name(name: &str) -> Cow<'_, str> {
    if is_plain(name) {
        return Cow::Borrowed(name);
    }
    let decoded = decode_unicode_escapes(name);
    let mut out = String::with_capacity(decoded.len() + 2);
    out.push('`');
    for c in decoded.chars() {
        if c == '`' {
            out.push('`');
        }
        out.push(c);
    }
    out.push('`');
    Cow::Owned(out)
}

/// Whether `name` holds a sequence Neo4j reads as a unicode escape (`\u`.., `\U`..).
pub fn has_unicode_escape(name: &str) -> bool {
    decode_unicode_escapes(name) != name
}

/// Decodes unicode escapes as Neo4j's parser does before it reads names: a backslash that
/// is not itself escaped (an even number of backslashes before it), then one or more `u`
/// and four hex digits, or `U` and eight hex digits.
fn decode_unicode_escapes(name: &str) -> Cow<'_, str> {
    if !name.contains('\\') {
        return Cow::Borrowed(name);
    }
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    let mut backslashes = 0;
    let mut changed = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && backslashes % 2 == 0 {
            if let Some((decoded, used)) = unicode_escape(&chars[i + 1..]) {
                out.push(decoded);
                i += 1 + used;
                backslashes = 0;
                changed = true;
                continue;
            }
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
        i += 1;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(name)
    }
}

/// The character of an escape body (what follows its backslash) and how many chars it used.
fn unicode_escape(rest: &[char]) -> Option<(char, usize)> {
    let hex = |digits: &[char]| -> Option<u32> {
        digits
            .iter()
            .try_fold(0u32, |acc, d| Some(acc * 16 + d.to_digit(16)?))
    };
    match rest.first()? {
        'u' => {
            let us = rest.iter().take_while(|c| **c == 'u').count();
            let digits = rest.get(us..us + 4)?;
            Some((char::from_u32(hex(digits)?)?, us + 4))
        }
        'U' => {
            let digits = rest.get(1..9)?;
            Some((char::from_u32(hex(digits)?)?, 9))
        }
        _ => None,
    }
}

/// A name handed out: as the server sees it, and as Cypher text.
struct Taken {
    raw: Cow<'static, str>,
    escaped: Cow<'static, str>,
    /// Whether the name's variable is gone (a `WITH` dropped it), so a new one may take it.
    free: bool,
}

/// A handle of a name the renderer handed out.
#[derive(Clone, Copy)]
pub(crate) struct NameRef(usize);

/// The name allocator: every variable and column name handed out in one query, none twice
/// while its variable is in scope.
pub(crate) struct Names(Vec<Taken>);

impl Names {
    pub(crate) fn new() -> Self {
        Self(Vec::with_capacity(8))
    }

    /// Hands out `preferred` (`known_plain` when it needs no quotes), or `preferred_2`,
    /// `preferred_3`, .. whichever is free.
    pub(crate) fn take(&mut self, preferred: Cow<'static, str>, known_plain: bool) -> NameRef {
        let mut raw = preferred.clone();
        let mut n = 1;
        while self.0.iter().any(|t| !t.free && t.raw == raw) {
            n += 1;
            raw = Cow::Owned(format!("{preferred}_{n}"));
        }
        let escaped = match &raw {
            Cow::Borrowed(name) if known_plain && n == 1 => Cow::Borrowed(*name),
            Cow::Borrowed(name) => escape_name(name),
            Cow::Owned(name) => Cow::Owned(escape_name(name).into_owned()),
        };
        self.0.push(Taken {
            raw,
            escaped,
            free: false,
        });
        NameRef(self.0.len() - 1)
    }

    /// Frees a variable's name once its variable is gone: a later `take` may hand it out
    /// again (`WITH x + 1 AS x`).
    pub(crate) fn release(&mut self, name: NameRef) {
        self.0[name.0].free = true;
    }

    /// A name handed out, as Cypher text.
    #[inline]
    pub(crate) fn escaped(&self, name: NameRef) -> &str {
        &self.0[name.0].escaped
    }

    /// A name handed out, as the server sees it.
    #[inline]
    pub(crate) fn raw(&self, name: NameRef) -> &str {
        &self.0[name.0].raw
    }
}

/// Generated parameter names without an allocation, for the common case.
const PARAM_NAMES: [&str; 16] = [
    "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11", "p12", "p13", "p14",
    "p15",
];

/// The first generated parameter name from `$p{next}` on that is neither one of the user's
/// `named` parameters nor `taken` already.
pub(crate) fn param_name<T>(
    mut next: usize,
    named: &[&'static str],
    taken: &[(Cow<'static, str>, T)],
) -> Cow<'static, str> {
    loop {
        let candidate: Cow<'static, str> = match PARAM_NAMES.get(next) {
            Some(fixed) => Cow::Borrowed(fixed),
            None => Cow::Owned(format!("p{next}")),
        };
        let clashes =
            named.contains(&candidate.as_ref()) || taken.iter().any(|(n, _)| *n == candidate);
        if !clashes {
            return candidate;
        }
        next += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_stay_plain() {
        assert_eq!(escape_name("Person"), "Person");
        assert_eq!(escape_name("_x1"), "_x1");
    }

    #[test]
    fn odd_names_are_quoted_with_backticks_doubled() {
        assert_eq!(escape_name("Human Being"), "`Human Being`");
        assert_eq!(escape_name("1st"), "`1st`");
        assert_eq!(escape_name("a`b"), "`a``b`");
        assert_eq!(escape_name("Café"), "`Café`");
        assert_eq!(escape_name(""), "``");
    }

    #[test]
    fn every_unicode_escape_form_is_decoded_before_quoting() {
        assert_eq!(
            escape_name("x\\uu0060) DETACH DELETE n //"),
            "`x``) DETACH DELETE n //`"
        );
        assert_eq!(escape_name("x\\uuuu0060y"), "`x``y`");
        assert_eq!(escape_name("a\\u0041"), "`aA`");
        // An escaped backslash starts no escape, and a broken escape stays as written.
        assert_eq!(escape_name("a\\\\u0060"), "`a\\\\u0060`");
        assert_eq!(escape_name("a\\u00"), "`a\\u00`");
        assert!(has_unicode_escape("x\\uu0060") && !has_unicode_escape("x\\\\u0060"));
    }

    #[test]
    fn unicode_backtick_escapes_cannot_break_out() {
        assert_eq!(
            escape_name("x\\u0060) DETACH DELETE n //"),
            "`x``) DETACH DELETE n //`"
        );
        assert_eq!(escape_name("y\\U00000060z"), "`y``z`");
    }

    #[test]
    fn reserved_words_are_quoted_in_any_case() {
        assert_eq!(escape_name("match"), "`match`");
        assert_eq!(escape_name("Order"), "`Order`");
        assert_eq!(escape_name("Orders"), "Orders");
    }
}
