//! Reading pasted console text: each browser's reader finds its messages in the normalized
//! text ([`text::normalize`]) and returns them with their place, so that several messages in
//! one paste are each explained, in order, and what no reader knows is reported as read.

mod chrome;
mod firefox;
mod safari;
pub(crate) mod text;

use super::finding::{Browser, Check, Exchange};

/// A message found at `start..end` of the normalized text, before its causes are chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    pub start: usize,
    pub end: usize,
    pub browser: Browser,
    pub check: Check,
    pub exchange: Exchange,
    pub url: Option<String>,
    pub origin: Option<String>,
    pub redirected_from: Option<String>,
    pub value: Option<String>,
    pub status: Option<u16>,
}

impl Piece {
    fn new(start: usize, end: usize, browser: Browser, check: Check, exchange: Exchange) -> Piece {
        Piece {
            start,
            end,
            browser,
            check,
            exchange,
            url: None,
            origin: None,
            redirected_from: None,
            value: None,
            status: None,
        }
    }
}

/// What the readers found: the messages, in order, and notes on text that looked like a
/// browser's message but had no reason they know.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub pieces: Vec<Piece>,
    pub notes: Vec<String>,
    /// Notes beyond [`MAX_NOTES`], counted only.
    pub more_notes: usize,
}

/// The most notes kept (a paste of thousands of unknown messages stays readable and cheap).
pub(crate) const MAX_NOTES: usize = 10;

impl Found {
    /// Keeps the note `write` makes, or only counts it beyond [`MAX_NOTES`].
    fn note(&mut self, write: impl FnOnce() -> String) {
        if self.notes.len() < MAX_NOTES {
            self.notes.push(write());
        } else {
            self.more_notes += 1;
        }
    }
}

/// Every message in `text` (already normalized).
pub(crate) fn read(text: &str) -> Found {
    let mut found = Found::default();
    chrome::read(text, &mut found);
    firefox::read(text, &mut found);
    found.pieces.sort_by_key(|piece| piece.start);
    safari::read(text, &mut found);
    found.pieces.sort_by_key(|piece| piece.start);
    found
}

/// Whether `at` lies inside a piece already found (another reader's message); `found.pieces`
/// is sorted by start and its pieces do not overlap.
fn inside(found: &Found, at: usize) -> bool {
    let after = found.pieces.partition_point(|piece| piece.start <= at);
    after > 0 && at < found.pieces[after - 1].end
}

/// The index of the piece that starts last before `at` among `pieces` (sorted by start), then
/// up to `look_back` earlier ones, nearest first.
fn before(pieces: &[Piece], at: usize, look_back: usize) -> impl Iterator<Item = usize> {
    let after = pieces.partition_point(|piece| piece.start < at);
    (after.saturating_sub(look_back + 1)..after).rev()
}
