//! Streams files through [`qb324::formats::FileStream`] in 1 MiB chunks, as the page's
//! worker does, then checks them: for heap profiles of the streamed path
//! (`valgrind --tool=massif target/release/examples/stream_peak chart.csv big.csv`).
use qb324::formats::{FileStream, RoleHint};
use std::io::Read;

fn main() -> std::io::Result<()> {
    let mut reads = Vec::new();
    for path in std::env::args().skip(1) {
        let mut file = std::fs::File::open(&path)?;
        let mut stream = FileStream::new(&path, RoleHint::Any);
        let mut chunk = vec![0u8; 1 << 20];
        loop {
            let n = file.read(&mut chunk)?;
            if n == 0 {
                break;
            }
            stream.feed(&chunk[..n]);
        }
        reads.push(stream.finish());
    }
    let report = qb324::check_reads(reads, &qb324::Options::default());
    let rows: usize = report.statements.iter().map(|s| s.transactions).sum();
    println!("{rows} transactions, {} findings", report.findings.len());
    Ok(())
}
