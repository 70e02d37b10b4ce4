//! Seats: every team at its own screen. The control room hosts a small server (`server`) that
//! serves a page to any browser on the room's network (or only this computer, by default); a
//! team joins with its seat's code, sees what its panel shows (`crate::view::seat`), and its
//! decisions come back as the same `Command`s through the same checks (`protocol`). The host
//! side, in the app, is `app::seats`.

pub mod protocol;
pub mod server;

use crate::session::SeatCodeSpec;
use crate::view::seat::SeatRole;

/// Letters and digits that cannot be mistaken for one another when read aloud or off a screen.
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Code length: 31^7, about 2.8e10 codes; with a half-second wait after each wrong code,
/// guessing one takes years.
pub const CODE_LEN: usize = 7;

/// A fresh random code (from the operating system's generator; never the model's streams).
pub fn new_code() -> String {
    (0..CODE_LEN)
        .map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// The session's seat codes, completed: every seat gets one, kept if the session has it (a
/// resumed session's seats rejoin with the same codes). Returns whether any was made.
pub fn ensure_codes(codes: &mut Vec<SeatCodeSpec>) -> bool {
    let mut made = false;
    codes.retain(|c| SeatRole::from_id(&c.seat).is_some());
    for role in SeatRole::ALL {
        if !codes.iter().any(|c| c.seat == role.id()) {
            codes.push(SeatCodeSpec {
                seat: role.id().to_string(),
                code: new_code(),
            });
            made = true;
        }
    }
    made
}

/// (role, code) pairs of a session's codes.
pub fn role_codes(codes: &[SeatCodeSpec]) -> Vec<(SeatRole, String)> {
    codes
        .iter()
        .filter_map(|c| SeatRole::from_id(&c.seat).map(|r| (r, c.code.clone())))
        .collect()
}
