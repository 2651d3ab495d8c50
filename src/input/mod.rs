//! Turning a user's bytes into text a reader can use, and deciding what a file is.
//!
//! [`decode`] handles byte-order marks, UTF-16, Windows-1252 and line endings once, so
//! every reader sees UTF-8 text with `\n` line breaks whose line numbers match the file.
//! [`sniff`] looks at the content (never the file name) to say which reader to use.

pub mod decode;
pub mod sniff;

pub use decode::{decode, Decoded, TextDecoder, TextEncoding};
pub use sniff::{sniff, Sniffed};
