//! The cost of the near-duplicate name scan (`similar_name`) on charts of 1,000,
//! 10,000 and 100,000 bank and card accounts: realistic names (bank, product, purpose,
//! place) with about one in a hundred a near-duplicate of another (a typo, swapped
//! words, an added `2` or `new`).
//!
//! Run: `cargo bench --bench similar_names --no-default-features`. Without the flag the
//! default `cli` feature also builds the `qb324` binary, whose build of the cdylib+rlib
//! library collides with the bench's own (cargo issue #6313) and can fail to link.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use qb324::model::{Account, AccountType, Chart, ChartFormat};
use qb324::rules::{similar_name, Context, Findings};

const BANKS: &[&str] = &[
    "Chase",
    "Wells Fargo",
    "BofA",
    "Citi",
    "Amex",
    "Capital One",
    "US Bank",
    "PNC",
    "Truist",
    "TD",
    "Regions",
    "Discover",
    "Schwab",
    "Ally",
    "KeyBank",
    "Huntington",
    "Citizens",
    "BMO",
    "Santander",
    "HSBC",
    "Mercury",
    "Brex",
    "SVB",
    "Navy Federal",
    "USAA",
    "Synchrony",
    "Barclays",
    "Fifth Third",
    "Comerica",
    "Frost",
];
const PRODUCTS: &[&str] = &[
    "Checking",
    "Savings",
    "Money Market",
    "Visa",
    "Mastercard",
    "Business Card",
    "Platinum",
    "Gold Card",
    "Line of Credit",
    "Sweep",
];
const PURPOSES: &[&str] = &[
    "Operating",
    "Payroll",
    "Tax Reserve",
    "Escrow",
    "Client Trust",
    "Marketing",
    "Travel",
    "Petty Cash",
    "Capital",
    "Deposits",
    "Vendor Payments",
    "Rent",
    "Utilities",
    "Insurance",
    "Benefits",
    "Equipment",
    "Inventory",
    "Receivables",
    "Refunds",
    "Donations",
    "Grants",
    "Fuel",
    "Freight",
    "Software",
    "Legal",
    "Construction",
    "Maintenance",
    "Research",
    "Training",
    "Events",
    "Sponsorship",
    "Warranty",
    "Commissions",
    "Bonuses",
    "Dividends",
    "Loans",
    "Interest",
    "Licensing",
    "Royalties",
    "Security",
];
const PLACES: &[&str] = &[
    "Boston",
    "Denver",
    "Austin",
    "Seattle",
    "Portland",
    "Chicago",
    "Atlanta",
    "Miami",
    "Phoenix",
    "Dallas",
    "Houston",
    "Detroit",
    "Nashville",
    "Memphis",
    "Omaha",
    "Tulsa",
    "Raleigh",
    "Richmond",
    "Baltimore",
    "Newark",
    "Buffalo",
    "Albany",
    "Hartford",
    "Trenton",
    "Columbus",
    "Cleveland",
    "Toledo",
    "Madison",
    "Milwaukee",
    "Minneapolis",
    "Fargo",
    "Boise",
    "Reno",
    "Tucson",
    "Fresno",
    "Oakland",
    "Sacramento",
    "Spokane",
    "Anchorage",
    "Honolulu",
    "Savannah",
    "Charleston",
    "Lexington",
    "Louisville",
    "Wichita",
    "Topeka",
    "Lincoln",
    "Provo",
    "Billings",
    "Cheyenne",
];

/// A small deterministic generator (no `rand`: the same names on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}

/// `n` distinct account names, one in a hundred a near-duplicate of an earlier one.
fn names(n: usize) -> Vec<String> {
    let mut rng = Lcg(324);
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<String> = Vec::with_capacity(n);
    while out.len() < n {
        let name = if out.len() > 10 && rng.next(100) == 0 {
            let base = out[rng.next(out.len())].clone();
            match rng.next(4) {
                0 => format!("{base} 2"),
                1 => format!("New {base}"),
                2 => {
                    // Swap the first two words.
                    let mut w: Vec<&str> = base.split(' ').collect();
                    w.swap(0, 1);
                    w.join(" ")
                }
                _ => {
                    // Drop one letter of the longest word.
                    let longest = base
                        .split(' ')
                        .max_by_key(|w| w.len())
                        .unwrap_or("")
                        .to_string();
                    base.replacen(&longest, &longest[..longest.len() - 1], 1)
                }
            }
        } else {
            format!(
                "{} {} {} {}",
                BANKS[rng.next(BANKS.len())],
                PURPOSES[rng.next(PURPOSES.len())],
                PRODUCTS[rng.next(PRODUCTS.len())],
                PLACES[rng.next(PLACES.len())]
            )
        };
        if seen.insert(name.clone()) {
            out.push(name);
        }
    }
    out
}

fn chart(n: usize) -> Chart {
    let accounts = names(n)
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let t = if name.contains("Card") || name.contains("Visa") {
                AccountType::CreditCard
            } else {
                AccountType::Bank
            };
            Account::new(&name, t, "Bank", i + 5)
        })
        .collect();
    Chart {
        file: "accounts.csv".into(),
        format: ChartFormat::QboCsv,
        accounts,
        company: None,
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("similar_name");
    group.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        let chart = chart(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &chart, |b, chart| {
            b.iter(|| {
                let ctx = Context {
                    chart: Some(chart),
                    statements: &[],
                    listed_accounts: &[],
                    today: None,
                    identities: &[],
                };
                let mut out = Findings::default();
                similar_name::check(&ctx, &mut out);
                black_box(out.into_vec().len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
