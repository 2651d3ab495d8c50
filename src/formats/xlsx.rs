//! (being written)

use super::ChartRead;

/// Reads a chart-of-accounts Excel workbook.
pub fn read(file: &str, bytes: &[u8]) -> ChartRead {
    let _ = (file, bytes);
    ChartRead::default()
}
