//! Identity on charts it was not tuned on: the chart fixtures and the page's sample,
//! written before the identity model, labelled here by eye from their raw rows (which
//! account carries which last four). For each bank or card account a statement ending
//! in its last four must be matched to it by number; an account labelled with no number
//! must not take a statement by number. Precision and recall are printed.

mod common;

use qb324::identity::MatchKind;
use qb324::{check, InputFile, Options};

/// One labelled account: its name as the report shows it, its last four as the raw row
/// writes it, and whether it is a card.
type Label = (&'static str, Option<&'static str>, bool);

/// Each chart file with its labelled accounts.
const LABELS: &[(&str, &[Label])] = &[
    (
        "tests/fixtures/charts/desktop_account_listing.csv",
        &[
            ("1010 · Operating Checking", Some("6633"), false),
            ("1020 · Money Market (7241)", Some("7241"), false),
            ("1030 · Old Payroll Account", Some("9090"), false),
            ("1040 · Café Register Cash", None, false),
            ("2050 · Visa Business", Some("4410"), true),
            ("2060 · Amex Blue (x3007)", Some("3007"), true),
        ],
    ),
    (
        "tests/fixtures/charts/desktop_accounts.iif",
        &[
            ("Operating Checking", Some("1002"), false),
            ("Savings", Some("7750"), false),
            ("Old Checking", Some("9911"), false),
            ("Petty Cash", None, false),
            ("Amex Gold", Some("1005"), true),
            ("Amex Gold:Employee Card", Some("1013"), true),
        ],
    ),
    (
        "tests/fixtures/charts/qbo_account_list.csv",
        &[
            ("Business Checking x4321", Some("4321"), false),
            ("Payroll Checking (8802)", Some("8802"), false),
            ("Money Market ...5567", Some("5567"), false),
            ("Petty Cash", None, false),
            ("Amex Business Gold ending in 1005", Some("1005"), true),
            ("Visa Signature:Employee Card - 2008", Some("2008"), true),
        ],
    ),
    (
        "tests/fixtures/charts/qbo_account_list_numbers.csv",
        &[
            ("Operating Checking", Some("8830"), false),
            ("Savings", Some("7714"), false),
            ("Checking - 5555", Some("5555"), false),
            ("Chase Ink x3310", Some("3310"), true),
            ("Chase Ink x3310:Baker Card x3328", Some("3328"), true),
        ],
    ),
    (
        "tests/fixtures/charts/qbo_numbered_names.csv",
        &[
            ("1010 Checking", None, false),
            ("1030 Business Checking 2", None, false),
            ("1040 Payroll Account (4417)", Some("4417"), false),
            ("2010 AmEx Platinum x1002", Some("1002"), true),
        ],
    ),
    (
        "www/samples/AcmeLandscaping_AccountList.csv",
        &[
            ("Chase Checking", Some("4821"), false),
            ("Chase Savings", Some("7730"), false),
            ("Petty Cash", None, false),
            ("Amex Gold Card x1005", Some("1005"), true),
            ("Capital One Spark x7731", Some("7731"), true),
            ("Capital One Spark 2", None, true),
        ],
    ),
];

fn statement(last4: &str, card: bool) -> String {
    let (open, close, from, kind) = if card {
        ("<CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS><CCSTMTRS>",
         "</CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1>",
         format!("<CCACCTFROM><ACCTID>XXXXXXXXXXXX{last4}</CCACCTFROM>"), "")
    } else {
        ("<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS><STMTRS>",
         "</STMTRS></STMTTRNRS></BANKMSGSRSV1>",
         format!("<BANKACCTFROM><BANKID>999999999<ACCTID>XXXXXXXX{last4}<ACCTTYPE>CHECKING</BANKACCTFROM>"), "")
    };
    format!(
        "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0\
         <SEVERITY>INFO</STATUS><DTSERVER>20261129</SONRS></SIGNONMSGSRSV1>{open}<CURDEF>USD\
         {from}<BANKTRANLIST><DTSTART>20261101<DTEND>20261128<STMTTRN><TRNTYPE>DEBIT\
         <DTPOSTED>20261102<TRNAMT>-5.00<FITID>1<NAME>Coffee</STMTTRN></BANKTRANLIST>\
         <LEDGERBAL><BALAMT>10.00<DTASOF>20261128</LEDGERBAL>{close}</OFX>{kind}\n"
    )
}

#[test]
fn identity_on_charts_it_was_not_tuned_on() {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    for (file, accounts) in LABELS {
        let chart = common::local(file);
        let name = file.rsplit('/').next().unwrap();
        for (account, last4, card) in *accounts {
            // A labelled number must match its account; a numberless account must not
            // take a statement ending in a number nobody has.
            let probe = last4.unwrap_or("6161");
            let ofx = statement(probe, *card);
            let r = check(
                &[
                    InputFile::new(name, &chart),
                    InputFile::new("statement.qbo", ofx.as_bytes()),
                ],
                &Options {
                    today: "2026-11-30".parse().ok(),
                    ..Options::default()
                },
            );
            let s = &r.statements[0];
            let by_number = s.match_kind.map(MatchKind::name) == Some("number");
            let got = s.matched_account.as_deref().filter(|_| by_number);
            match (last4, got) {
                (Some(_), Some(g)) if g.ends_with(account) => tp += 1,
                (Some(_), Some(g)) => {
                    fp += 1;
                    fn_ += 1;
                    wrong.push(format!("{file}: …{probe} for “{account}” went to “{g}”"));
                }
                (Some(_), None) => {
                    fn_ += 1;
                    wrong.push(format!(
                        "{file}: …{probe} for “{account}” matched nothing by number"
                    ));
                }
                (None, Some(g)) => {
                    fp += 1;
                    wrong.push(format!("{file}: …{probe} (nobody's) went to “{g}”"));
                }
                (None, None) => {}
            }
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let rc = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "held-out charts: TP {tp} FP {fp} FN {fn_}, precision {:.1}%, recall {:.1}%",
        100.0 * p,
        100.0 * rc
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
