//! QuickBooks chart-of-accounts exports saved as Excel workbooks (.xlsx): the QBO
//! Account List and the QuickBooks Desktop Account Listing.
//!
//! calamine reads the workbook; its cells become rows of strings (numbers as Excel
//! shows them unformatted: `1010`, `99250.02`) with their sheet row numbers as lines,
//! and the shared [`super::chart_columns::read_rows`] reads them like the CSV export.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::model::{Problem, ProblemKind};

use super::chart_columns::{self, Container};
use super::ChartRead;

/// Columns past this are ignored: no account list is this wide, and a damaged sheet
/// naming column XFD must not make every row 16,384 cells long.
const MAX_COLUMNS: u32 = 256;

/// Cells read from one sheet at most; a workbook past this is not a chart export.
const MAX_CELLS: usize = 4_000_000;

/// A sheet's non-empty rows: 1-based row number and cell texts from column A.
type Rows = Vec<(usize, Vec<String>)>;

/// Reads one sheet's cells into rows, streaming (no dense grid is built).
fn sheet_rows<RS: std::io::Read + std::io::Seek>(
    workbook: &mut Xlsx<RS>,
    sheet: &str,
) -> Result<Rows, String> {
    let mut reader = workbook
        .worksheet_cells_reader(sheet)
        .map_err(|e| e.to_string())?;
    let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let mut count = 0usize;
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => return Err(e.to_string()),
        };
        let (row, col) = cell.get_position();
        if col >= MAX_COLUMNS {
            continue;
        }
        count += 1;
        if count > MAX_CELLS {
            return Err("the sheet has too many cells to be a chart of accounts".into());
        }
        let text = Data::from(cell.get_value().clone()).to_string();
        if text.trim().is_empty() {
            continue;
        }
        let cells = rows.entry(row).or_default();
        let col = col as usize;
        if cells.len() <= col {
            cells.resize(col + 1, String::new());
        }
        if let Some(slot) = cells.get_mut(col) {
            *slot = text;
        }
    }
    Ok(rows
        .into_iter()
        .map(|(r, cells)| (r as usize + 1, cells))
        .collect())
}

/// Reads a chart-of-accounts Excel workbook: the first sheet with an account-list
/// header. A damaged workbook, or one with no account list, gives an Error problem and
/// no chart.
pub fn read(file: &str, bytes: &[u8]) -> ChartRead {
    let mut out = ChartRead::default();
    let mut workbook = match Xlsx::new(Cursor::new(bytes)) {
        Ok(w) => w,
        Err(e) => {
            out.problems.push(Problem::error(
                file,
                None,
                ProblemKind::Malformed,
                format!(
                    "This Excel file could not be opened ({e}). It may be damaged or not a \
                     real .xlsx workbook: export the report from QuickBooks again, or export it as CSV."
                ),
            ));
            return out;
        }
    };
    let mut damaged = Vec::new();
    for sheet in workbook.sheet_names() {
        match sheet_rows(&mut workbook, &sheet) {
            Ok(rows) => {
                let head: Vec<Vec<String>> = rows
                    .iter()
                    .take(chart_columns::HEADER_SEARCH_ROWS)
                    .map(|r| r.1.clone())
                    .collect();
                if chart_columns::find_header(&head).is_some() {
                    return chart_columns::read_rows(file, &rows, Container::Xlsx);
                }
            }
            Err(e) => damaged.push(format!("sheet \"{sheet}\": {e}")),
        }
    }
    let message = if damaged.is_empty() {
        "This Excel workbook holds no account list: no sheet has a header row with an \
         account name column (Account, Full name or Name) and a Type column. Export the \
         Account List (QuickBooks Online) or Account Listing (QuickBooks Desktop) report."
            .to_string()
    } else {
        format!(
            "No account list could be read from this Excel workbook; it may be damaged ({}).",
            damaged.join("; ")
        )
    };
    out.problems.push(Problem::error(
        file,
        None,
        if damaged.is_empty() {
            ProblemKind::Unrecognized
        } else {
            ProblemKind::Malformed
        },
        message,
    ));
    out
}
