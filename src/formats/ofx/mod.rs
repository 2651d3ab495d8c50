//! The OFX reader: OFX 1.x (SGML), OFX 2.x (XML), Quicken QFX and QuickBooks Web
//! Connect QBO, which are all OFX underneath.
//!
//! Real files break the specification in many ways (see the notes in
//! `shared/fixtures/real/EXPECTED.json`), so the reader is built in three lenient layers
//! that each keep only what they must:
//!
//! - [`lexer`] turns text, fed in pieces cut anywhere, into tags and text (a
//!   [`TokenSink`](lexer::TokenSink) receives them);
//! - [`tree`] rebuilds elements from those (leaf closing tags optional, stray or
//!   misplaced closing tags ignored, unclosed aggregates closed) and hands them to an
//!   [`ElementSink`](tree::ElementSink);
//! - [`builder`] is that sink: it reads each value by its place and builds statements as
//!   it goes.
//!
//! Each layer knows only the one below it; this module wires them together.
//!
//! Nothing holds the whole token stream, so memory grows only with what is kept (the
//! statements' transactions), and time is linear in the input. The header is not parsed
//! for meaning: the bytes already decided the encoding, and any header form (`OFXHEADER:100`
//! lines, `<?OFX ...?>`, none at all) only labels the format.

mod builder;
mod lexer;
mod tags;
mod tree;
mod values;

use super::StatementsRead;
use crate::model::StatementFormat;

use builder::{Builder, FileEnd};
use lexer::Lexer;
use tree::Tree;

/// Reads every statement in `text` (already decoded, `\n` line breaks).
pub fn read(file: &str, text: &str) -> StatementsRead {
    let mut reader = OfxReader::new(file);
    reader.feed(text);
    reader.finish()
}

/// The push form of [`read`], for big files: feed text in pieces as it arrives (cut
/// anywhere, even inside a tag), then [`finish`](OfxReader::finish). Feeding a text in
/// any number of pieces gives the same result as [`read`] on the whole.
#[derive(Debug)]
pub struct OfxReader {
    lexer: Lexer,
    tree: Tree<Builder>,
}

impl OfxReader {
    /// A reader for the file named `file` (the name goes into every problem).
    pub fn new(file: &str) -> OfxReader {
        OfxReader {
            lexer: Lexer::new(),
            tree: Tree::new(Builder::new(file)),
        }
    }

    /// Reads the next piece of text.
    pub fn feed(&mut self, text: &str) {
        self.lexer.feed(text, &mut self.tree);
    }

    /// Ends the input and returns what was read.
    pub fn finish(mut self) -> StatementsRead {
        let line = self.lexer.line();
        let (damage, open) = self.tree.finish(line);
        let format = if self.tree.has_xml_header() {
            StatementFormat::OfxXml
        } else if self.tree.has_sgml_header() {
            StatementFormat::OfxSgml
        } else {
            StatementFormat::OfxNoHeader
        };
        let end = FileEnd {
            line,
            damage,
            open,
            inside_markup: self.lexer.inside_markup(),
        };
        self.tree.into_sink().finish(format, end)
    }
}
