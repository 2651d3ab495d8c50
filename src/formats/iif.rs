//! (being written)

use super::ChartRead;

/// Reads the `!ACCNT` section of an IIF file.
pub fn read(file: &str, text: &str) -> ChartRead {
    let _ = (file, text);
    ChartRead::default()
}
