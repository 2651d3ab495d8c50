//! Which chart account a statement belongs to (SPEC §3): the one decision every
//! statement rule stands on, made once here and read by the rules.
//!
//! For each statement and chart account the evidence is weighed: the bank numbers agree
//! in full, by a masked or last-four tail, or as a prefixed number after a bank
//! conversion ([`numbers`]); the last four written into the account's name; the bank the
//! account names and the statement's bank; the kind from type and detail type
//! ([`kinds`]); QuickBooks' bank balance against the statement's. Statements whose
//! numbers agree are one account. Accounts are then given out **one-to-one**,
//! strongest evidence first: numbers, then the same bank, then the only account that
//! could be it. Each answer says in plain words what decided it (`because`).
//!
//! A chart number (`1010 Checking`) is a bookkeeping number and never a bank number.

pub mod institutions;
pub mod kinds;
pub mod numbers;

use std::collections::{HashMap, HashSet};

use crate::model::{Account, AccountKind, AccountType, BankNumber, Chart, Statement};
pub use institutions::Bank;
use kinds::is_feed_kind;
pub use kinds::{account_fit, chart_kind, chart_kind_noun, fit, ChartKind, KindFit};
pub use numbers::{bank_number_of, compare, number_source, numbers_agree, Agreement, NumberSource};

vocabulary! {
    /// How a statement was tied to a chart account.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum MatchKind {
        /// The bank numbers agree.
        Number = "number",
        /// No number agrees, but an account of the same kind names the same institution.
        Likely = "likely",
        /// Neither number nor bank says so, but the chart has exactly one account of the
        /// statement's kind that could be it (no bank number, no other bank named).
        OnlyCandidate = "only_candidate",
    }
}

/// The chart account (index into `chart.accounts`) a statement belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccountMatch {
    /// Index into `chart.accounts`.
    pub account: usize,
    /// How the match was made.
    pub kind: MatchKind,
    /// How sure the match is, 0–100 (a full number agreeing is 100).
    pub confidence: u8,
}

/// A statement's bank, as far as the files tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BankRef {
    /// A bank of the [`institutions::BANKS`] table.
    Known(&'static Bank),
    /// A bank the table does not know, by its OFX `ORG` as written and its words.
    Named {
        /// The `ORG` as written.
        name: String,
        /// Its words, as [`institutions::words`] splits them.
        words: Vec<String>,
    },
}

impl BankRef {
    /// The name to show.
    pub fn display(&self) -> String {
        match self {
            BankRef::Known(b) => b.name.to_string(),
            BankRef::Named { name, .. } => name.clone(),
        }
    }
}

/// Where a statement's bank was read from, for the report's explanations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankEvidence {
    /// The bank.
    pub bank: BankRef,
    /// `OFX FID 3101`, `the file name`, ...
    pub source: String,
}

/// Everything identity work found out about one statement.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatementIdentity {
    /// The chart account the statement belongs to, when one was found.
    pub matched: Option<AccountMatch>,
    /// The statement's bank, when any evidence names it.
    pub bank: Option<BankEvidence>,
    /// Other accounts as likely as the matched one (the choice was a tie).
    pub likely_ties: Vec<usize>,
    /// When nothing matched: accounts that may still be this statement's (they carry
    /// no bank number and name no other bank, or a number as good as another's agrees).
    /// Empty with no match means unmatched.
    pub plausible: Vec<usize>,
    /// What decided the match, in plain words (`its name ends in 3007`).
    pub because: Option<String>,
    /// Statements of one account (their numbers agree) share a group number.
    pub group: usize,
}

/// The statement's bank, from the most trusted evidence that names one.
pub fn statement_bank(s: &Statement) -> Option<BankEvidence> {
    let inst = &s.institution;
    let known = |b: Option<&'static Bank>, source: String| {
        b.map(|b| BankEvidence {
            bank: BankRef::Known(b),
            source,
        })
    };
    let ofx = [
        inst.fid.as_deref().and_then(|v| {
            known(
                institutions::bank_by_fid(v),
                "the bank identifier in the file".to_string(),
            )
        }),
        inst.intu_bid.as_deref().and_then(|v| {
            known(
                institutions::bank_by_intu_bid(v),
                "QuickBooks' bank identifier in the file".to_string(),
            )
        }),
        inst.org.as_deref().and_then(|v| {
            known(
                institutions::bank_by_org(v),
                "the bank's name in the file".to_string(),
            )
        }),
        inst.bankid.as_deref().and_then(|v| {
            known(
                institutions::bank_by_routing(v),
                "the routing number in the file".to_string(),
            )
        }),
    ];
    if let Some(found) = ofx.into_iter().flatten().next() {
        return Some(found);
    }
    // A full card number names its issuer.
    if let Some(n) = s.account_number.as_ref().filter(|n| n.is_complete()) {
        if let Some(b) = institutions::bank_by_card_number(n.digits()) {
            return known(Some(b), "the card number".to_string());
        }
    }
    // An ORG the table does not know still names its bank by its own words.
    if let Some(org) = inst.org.as_deref() {
        let w = institutions::words(org);
        if w.iter()
            .any(|x| x.len() >= 3 && x.chars().any(char::is_alphabetic))
        {
            return Some(BankEvidence {
                source: "the bank's name in the file".to_string(),
                bank: BankRef::Named {
                    name: org.trim().to_string(),
                    words: w,
                },
            });
        }
    }
    if let Some(name) = s.bank_account_name.as_deref() {
        if let Some(b) = institutions::bank_named_in(name) {
            return known(Some(b), "the bank's account name".to_string());
        }
    }
    // In a file name a dot separates words (`chase.csv`, `2013-12-03.bofa.ofx`).
    institutions::bank_named_in(&s.file.replace('.', " "))
        .and_then(|b| known(Some(b), "the file name".to_string()))
}

/// The bank an account's name (with its parents) or description names.
pub fn account_bank(a: &Account) -> Option<&'static Bank> {
    institutions::bank_named_in(&a.full_name).or_else(|| {
        a.description
            .as_deref()
            .and_then(institutions::bank_named_in)
    })
}

/// Whether the account's name or description names `bank`.
pub fn account_names_bank(a: &Account, bank: &BankRef) -> bool {
    match bank {
        BankRef::Known(b) => account_bank(a).is_some_and(|x| std::ptr::eq(x, *b)),
        BankRef::Named { words: w, .. } => {
            let phrase = w.join(" ");
            let in_text = |t: &str| institutions::has_phrase(&institutions::words(t), &phrase);
            in_text(&a.full_name) || a.description.as_deref().is_some_and(in_text)
        }
    }
}

/// Identifies every statement: its bank, its chart account, and the near choices.
///
/// Statements whose numbers agree are one account's and share one answer. The answer
/// for each is decided strongest evidence first and one-to-one: a chart account held by
/// one number is never a second, different number's account.
pub fn identify(chart: Option<&Chart>, statements: &[Statement]) -> Vec<StatementIdentity> {
    let banks: Vec<Option<BankEvidence>> = statements.iter().map(statement_bank).collect();
    let groups = group_by_number(statements);
    let mut out: Vec<StatementIdentity> = banks
        .into_iter()
        .zip(&groups.of_statement)
        .map(|(bank, &group)| StatementIdentity {
            bank,
            group,
            ..StatementIdentity::default()
        })
        .collect();
    let Some(chart) = chart else {
        return out;
    };
    let facts = ChartFacts::new(chart);
    let answers = assign(chart, &facts, statements, &out, &groups);
    for (id, g) in out.iter_mut().zip(&groups.of_statement) {
        if let Some(a) = answers.get(*g) {
            id.matched = a.matched;
            id.likely_ties = a.ties.clone();
            id.plausible = a.plausible.clone();
            id.because = a.because.clone();
        }
    }
    out
}

/// Statements grouped into accounts by agreeing numbers.
struct Groups {
    /// `of_statement[i]` is statement `i`'s group.
    of_statement: Vec<usize>,
    /// Each group's statements, in input order.
    members: Vec<Vec<usize>>,
}

fn group_by_number(statements: &[Statement]) -> Groups {
    let mut by_last4: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut of_statement = Vec::with_capacity(statements.len());
    for (i, s) in statements.iter().enumerate() {
        let number = s.account_number.as_ref().filter(|n| n.digits().len() >= 4);
        let found = number.and_then(|n| {
            by_last4.get(n.last4())?.iter().copied().find(|&g| {
                members[g]
                    .first()
                    .and_then(|&j| statements[j].account_number.as_ref())
                    .is_some_and(|o| numbers_agree(o, n))
            })
        });
        let g = match found {
            Some(g) => g,
            None => {
                members.push(Vec::new());
                let g = members.len() - 1;
                if let Some(n) = number {
                    by_last4.entry(n.last4()).or_default().push(g);
                }
                g
            }
        };
        members[g].push(i);
        of_statement.push(g);
    }
    Groups {
        of_statement,
        members,
    }
}

/// What identity needs of each chart account, read once: a chart may hold 100,000.
struct ChartFacts<'c> {
    kind: Vec<ChartKind>,
    bank: Vec<Option<&'static Bank>>,
    /// Accounts with a bank number, by its last four.
    by_last4: HashMap<&'c str, Vec<usize>>,
    /// Accounts without a bank number, by each bare four-digit word of their name.
    by_name_word: HashMap<String, Vec<usize>>,
    /// Accounts a feed may connect to that carry no number and name no bank.
    open: Vec<usize>,
    /// Accounts with sub-accounts (`Bank Accounts` above `Bank Accounts:Chase Savings`):
    /// headers that group others, which a feed is seldom connected to.
    parent: Vec<bool>,
}

impl<'c> ChartFacts<'c> {
    fn new(chart: &'c Chart) -> ChartFacts<'c> {
        let kind: Vec<ChartKind> = chart.accounts.iter().map(chart_kind).collect();
        let mut facts = ChartFacts {
            bank: Vec::with_capacity(kind.len()),
            by_last4: HashMap::new(),
            by_name_word: HashMap::new(),
            open: Vec::new(),
            parent: parents(chart),
            kind,
        };
        for (i, a) in chart.accounts.iter().enumerate() {
            let k = facts.kind[i];
            let relevant = !matches!(k, ChartKind::Other);
            let bank = relevant.then(|| account_bank(a)).flatten();
            facts.bank.push(bank);
            if !relevant {
                continue;
            }
            match bank_number_of(a) {
                Some(n) if n.digits().len() >= 4 => {
                    facts.by_last4.entry(n.last4()).or_default().push(i);
                }
                Some(_) => {}
                None => {
                    for w in numbers::name_digit_words(a) {
                        facts.by_name_word.entry(w.to_string()).or_default().push(i);
                    }
                    // A header is not "the only account it could be": its children are.
                    if bank.is_none() && is_feed_kind(k) && !facts.parent[i] {
                        facts.open.push(i);
                    }
                }
            }
        }
        facts
    }
}

/// Which accounts have sub-accounts: every `A` and `A:B` above some `A:B:C`, found from
/// the full names in one pass (a set of the prefixes), not by comparing accounts.
fn parents(chart: &Chart) -> Vec<bool> {
    let mut prefixes: HashSet<&str> = HashSet::new();
    for a in &chart.accounts {
        let name = a.full_name.as_str();
        for (at, _) in name.match_indices(':') {
            prefixes.insert(name[..at].trim());
        }
    }
    chart
        .accounts
        .iter()
        .map(|a| prefixes.contains(a.full_name.trim()))
        .collect()
}

/// The answer for one group of statements.
#[derive(Clone, Debug, Default)]
struct Answer {
    matched: Option<AccountMatch>,
    ties: Vec<usize>,
    plausible: Vec<usize>,
    because: Option<String>,
}

/// How a number ties a statement to an account, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum NumberTie {
    Full,
    Tail,
    Suffix,
    /// The statement's last four is a bare word of the account's name (`Checking 2019`).
    NameWord,
}

/// At most this many candidates are kept when none is decided.
const MAX_PLAUSIBLE: usize = 6;

fn assign(
    chart: &Chart,
    facts: &ChartFacts<'_>,
    statements: &[Statement],
    ids: &[StatementIdentity],
    groups: &Groups,
) -> Vec<Answer> {
    let mut a = Assignment::new(chart, facts, statements, ids, groups);
    a.by_numbers();
    a.by_bank();
    a.by_elimination();
    a.answers
}

/// One pass of [`assign`]: the groups' answers so far and the accounts already held,
/// filled strongest evidence first by its three steps.
struct Assignment<'a> {
    chart: &'a Chart,
    facts: &'a ChartFacts<'a>,
    statements: &'a [Statement],
    ids: &'a [StatementIdentity],
    /// Each group's face: its first statement with a number (all of them agree), else
    /// its first.
    face: Vec<usize>,
    answers: Vec<Answer>,
    /// Accounts a numbered group has taken: no other number may take them.
    held: Vec<bool>,
}

impl<'a> Assignment<'a> {
    fn new(
        chart: &'a Chart,
        facts: &'a ChartFacts<'a>,
        statements: &'a [Statement],
        ids: &'a [StatementIdentity],
        groups: &Groups,
    ) -> Assignment<'a> {
        let face: Vec<usize> = groups
            .members
            .iter()
            .map(|m| {
                m.iter()
                    .copied()
                    .find(|&i| statements[i].account_number.is_some())
                    .unwrap_or(m[0])
            })
            .collect();
        Assignment {
            chart,
            facts,
            statements,
            ids,
            answers: vec![Answer::default(); face.len()],
            face,
            held: vec![false; chart.accounts.len()],
        }
    }

    fn statement(&self, g: usize) -> &'a Statement {
        &self.statements[self.face[g]]
    }

    fn bank(&self, g: usize) -> Option<&'a BankEvidence> {
        self.ids[self.face[g]].bank.as_ref()
    }

    /// Whether the group has a number of four digits or more to hold an account with.
    fn numbered(&self, g: usize) -> bool {
        self.statement(g)
            .account_number
            .as_ref()
            .is_some_and(|n| n.digits().len() >= 4)
    }

    /// Whether the group still needs an answer from a weaker step.
    fn open(&self, g: usize) -> bool {
        self.answers[g].matched.is_none() && self.answers[g].plausible.is_empty()
    }

    /// Step 1: numbers, strongest tie first, one account to one number. A number that
    /// loses its account to an equal claim is undecided (plausible), not new.
    fn by_numbers(&mut self) {
        let (chart, facts) = (self.chart, self.facts);
        let mut pairs: Vec<(NumberTie, bool, bool, usize, usize)> = Vec::new();
        for g in 0..self.face.len() {
            let s = self.statement(g);
            let Some(sn) = s.account_number.as_ref().filter(|n| n.digits().len() >= 4) else {
                continue;
            };
            for &a in facts.by_last4.get(sn.last4()).into_iter().flatten() {
                let Some(an) = bank_number_of(&chart.accounts[a]) else {
                    continue;
                };
                let tie = match compare(an, sn) {
                    Agreement::Full => NumberTie::Full,
                    Agreement::Tail => NumberTie::Tail,
                    Agreement::Suffix => NumberTie::Suffix,
                    Agreement::Differ | Agreement::Unknown => continue,
                };
                let fit = fit(s.kind, facts.kind[a]);
                pairs.push((tie, fit >= KindFit::Clash, !chart.accounts[a].active, a, g));
            }
            for &a in facts.by_name_word.get(sn.last4()).into_iter().flatten() {
                let acct = &chart.accounts[a];
                let fit = fit(s.kind, facts.kind[a]);
                let other_bank = match (self.bank(g), facts.bank[a]) {
                    (Some(b), Some(_)) => !account_names_bank(acct, &b.bank),
                    _ => false,
                };
                if fit.allows_guess() && fit != KindFit::Partial && !other_bank {
                    pairs.push((NumberTie::NameWord, false, !acct.active, a, g));
                }
            }
        }
        pairs.sort_unstable();
        for &(tie, _, _, a, g) in &pairs {
            if self.answers[g].matched.is_some() || self.held[a] {
                continue;
            }
            self.held[a] = true;
            self.answers[g].matched = Some(AccountMatch {
                account: a,
                kind: MatchKind::Number,
                confidence: match tie {
                    NumberTie::Full => 100,
                    NumberTie::Tail => 90,
                    NumberTie::Suffix => 85,
                    NumberTie::NameWord => 70,
                },
            });
            self.answers[g].because =
                Some(because_number(&chart.accounts[a], self.statement(g), tie));
        }
        for &(_, _, _, a, g) in &pairs {
            let answer = &mut self.answers[g];
            if answer.matched.is_none() && !answer.plausible.contains(&a) {
                answer.plausible.push(a);
            }
        }
    }

    /// Step 2: an account at the statement's bank whose kind fits, for groups no number
    /// placed; the best score first. Accounts are looked up by bank, not scanned per group.
    fn by_bank(&mut self) {
        let (chart, facts) = (self.chart, self.facts);
        let mut at_bank: HashMap<*const Bank, Vec<usize>> = HashMap::new();
        let mut named_candidates: Vec<usize> = Vec::new();
        for (a, bank) in facts.bank.iter().enumerate() {
            if let Some(b) = bank {
                at_bank.entry(*b as *const Bank).or_default().push(a);
            }
            if !matches!(facts.kind[a], ChartKind::Other) {
                named_candidates.push(a);
            }
        }
        let mut likely: Vec<(u32, usize, usize)> = Vec::new();
        for g in 0..self.face.len() {
            if !self.open(g) {
                continue;
            }
            let Some(bank) = self.bank(g) else {
                continue;
            };
            let candidates: &[usize] = match &bank.bank {
                BankRef::Known(b) => at_bank.get(&(*b as *const Bank)).map_or(&[], Vec::as_slice),
                // A bank the table does not know is named by words any account may carry.
                BankRef::Named { .. } => &named_candidates,
            };
            let s = self.statement(g);
            for &a in candidates {
                // Numberless statements don't take an account from anyone.
                if self.numbered(g) && self.held[a] {
                    continue;
                }
                if let Some(score) = likely_score(&chart.accounts[a], facts, a, s, &bank.bank) {
                    likely.push((score, g, a));
                }
            }
        }
        likely.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        // Equal scores for one group, found by key instead of rescanning every candidate.
        let mut by_score: HashMap<(usize, u32), Vec<usize>> = HashMap::new();
        for &(score, g, a) in &likely {
            by_score.entry((g, score)).or_default().push(a);
        }
        for &(score, g, a) in &likely {
            if self.answers[g].matched.is_some() || (self.numbered(g) && self.held[a]) {
                continue;
            }
            if self.numbered(g) {
                self.held[a] = true;
            }
            let ties: Vec<usize> = by_score[&(g, score)]
                .iter()
                .copied()
                .filter(|&other| other != a && !self.held[other])
                .collect();
            let s = self.statement(g);
            let acct = &chart.accounts[a];
            let f = fit(s.kind, facts.kind[a]);
            let balance = balances_agree(acct, s);
            let confidence = if !ties.is_empty() {
                55
            } else {
                let base: u8 = match f {
                    KindFit::Exact => 85,
                    KindFit::Open => 80,
                    _ => 60,
                };
                base.saturating_add(if balance { 10 } else { 0 })
            };
            let bank = self.bank(g).map(|b| b.bank.display());
            let answer = &mut self.answers[g];
            answer.because = Some(because_likely(facts.kind[a], bank, f, balance, &ties));
            answer.matched = Some(AccountMatch {
                account: a,
                kind: MatchKind::Likely,
                confidence,
            });
            answer.ties = ties;
        }
    }

    /// Step 3: what remains possible, accounts with no number and no bank named; the
    /// only such account is a weak answer of its own.
    fn by_elimination(&mut self) {
        let (chart, facts) = (self.chart, self.facts);
        let mut sole: HashMap<usize, usize> = HashMap::new();
        for g in 0..self.face.len() {
            if !self.open(g) {
                continue;
            }
            let s = self.statement(g);
            let plausible: Vec<usize> = facts
                .open
                .iter()
                .copied()
                .filter(|&a| {
                    !self.held[a]
                        && matches!(fit(s.kind, facts.kind[a]), KindFit::Exact | KindFit::Open)
                })
                .take(MAX_PLAUSIBLE)
                .collect();
            if let [only] = plausible[..] {
                *sole.entry(only).or_default() += 1;
            }
            self.answers[g].plausible = plausible;
        }
        for g in 0..self.face.len() {
            if self.answers[g].matched.is_some() {
                continue;
            }
            let [only] = self.answers[g].plausible[..] else {
                continue;
            };
            // One account can't be two numbers' only candidate; a retired account as the
            // sole guess is too weak to build an error on.
            let shared = self.numbered(g) && sole.get(&only).copied().unwrap_or(0) > 1;
            if shared || !chart.accounts[only].active {
                continue;
            }
            let noun = chart_kind_noun_for(self.statement(g).kind, facts.kind[only]);
            let answer = &mut self.answers[g];
            answer.because = Some(format!(
                "the only {noun} in your chart that carries no account number and names no other bank"
            ));
            answer.matched = Some(AccountMatch {
                account: only,
                kind: MatchKind::OnlyCandidate,
                confidence: 45,
            });
            answer.plausible.clear();
        }
    }
}

/// How strongly a same-bank account is a statement's, when it may be at all.
fn likely_score(
    a: &Account,
    facts: &ChartFacts<'_>,
    i: usize,
    s: &Statement,
    bank: &BankRef,
) -> Option<u32> {
    let names_bank = match bank {
        BankRef::Known(b) => facts.bank[i].is_some_and(|x| std::ptr::eq(x, *b)),
        BankRef::Named { .. } => {
            !matches!(facts.kind[i], ChartKind::Other) && account_names_bank(a, bank)
        }
    };
    if !names_bank {
        return None;
    }
    let f = fit(s.kind, facts.kind[i]);
    if !f.allows_guess() {
        return None;
    }
    let number = match (bank_number_of(a), s.account_number.as_ref()) {
        (Some(an), Some(sn)) => compare(an, sn),
        _ => Agreement::Unknown,
    };
    // A savings statement is not a changed number of the bank's checking account.
    if f == KindFit::Partial && number == Agreement::Differ {
        return None;
    }
    let kind_points = match f {
        KindFit::Exact => 30,
        KindFit::Open => 20,
        _ => 10,
    };
    let number_points = if number == Agreement::Differ { 0 } else { 4 };
    let balance_points = if balances_agree(a, s) { 8 } else { 0 };
    // Among equals, an active leaf before a retired account or a header.
    let leaf = a.active && !facts.parent[i];
    Some(kind_points + number_points + balance_points + u32::from(leaf))
}

/// Whether QuickBooks' bank balance for the account is the statement's ending balance
/// (a card's balance may be written with either sign).
fn balances_agree(a: &Account, s: &Statement) -> bool {
    match (a.bank_balance, s.ending_balance) {
        (Some(x), Some(y)) => {
            x == y || (a.account_type == AccountType::CreditCard && x.abs() == y.abs())
        }
        _ => false,
    }
}

fn because_number(a: &Account, s: &Statement, tie: NumberTie) -> String {
    let last4 = s.last4().unwrap_or("");
    let held = match number_source(a) {
        NumberSource::Name => "its name",
        NumberSource::Description => "its description",
        NumberSource::Field => "its bank account number in QuickBooks",
    };
    match tie {
        NumberTie::Full => "its bank account number is the statement's, digit for digit".into(),
        NumberTie::Tail if number_source(a) == NumberSource::Field => {
            format!("its bank account number in QuickBooks ends in {last4}, like the statement's")
        }
        NumberTie::Tail => format!("{held} ends in {last4}, the statement's last four digits"),
        NumberTie::Suffix => format!(
            "its bank account number ends with every digit of the other (…{last4}): the bank \
             added a prefix, as a bank conversion does"
        ),
        NumberTie::NameWord => {
            format!("its name shows {last4}, the statement's last four digits")
        }
    }
}

fn because_likely(
    kind: ChartKind,
    bank: Option<String>,
    f: KindFit,
    balance: bool,
    ties: &[usize],
) -> String {
    let bank = bank.unwrap_or_else(|| "the same bank".into());
    let mut text = match (f, ties.is_empty()) {
        (KindFit::Exact, true) => {
            format!("it is your only {} at {bank}", chart_kind_noun(kind))
        }
        (_, true) => format!("it is the account at {bank} that fits best"),
        (_, false) => format!(
            "it is one of {} accounts at {bank} that fit equally",
            ties.len() + 1
        ),
    };
    if balance {
        text.push_str(", and QuickBooks' bank balance for it equals the statement's");
    }
    text
}

/// The noun for a candidate: the account's own kind when it says one, else the
/// statement's.
fn chart_kind_noun_for(kind: AccountKind, chart: ChartKind) -> &'static str {
    match chart {
        ChartKind::Kind(_) | ChartKind::Trust => chart_kind_noun(chart),
        _ => match kind {
            AccountKind::CreditCard => "credit card account",
            AccountKind::Unknown => "bank account",
            k => chart_kind_noun(ChartKind::Kind(k)),
        },
    }
}

/// Whether the chart account `a` could be the account of rows under another card
/// (`last4`) in statement `s`: a number agrees, or it carries no number and names no
/// other bank. The one place "could still be this statement's" is decided for rows.
pub fn could_hold_card(
    a: &Account,
    s: &Statement,
    bank: Option<&BankRef>,
    last4: &BankNumber,
) -> bool {
    if bank_number_of(a).is_some_and(|n| numbers_agree(n, last4)) {
        return true;
    }
    account_fit(s.kind, a).allows_guess()
        && account_fit(s.kind, a) != KindFit::Partial
        && bank_number_of(a).is_none()
        && (account_bank(a).is_none() || bank.is_some_and(|b| account_names_bank(a, b)))
}

/// How many chart accounts a statement of this kind could belong to at all.
pub fn accounts_of_kind(chart: &Chart, kind: AccountKind) -> usize {
    chart
        .accounts
        .iter()
        .filter(|a| account_fit(kind, a).allows_guess())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ChartFormat, Institution};

    fn account(name: &str, t: AccountType, number: Option<&str>) -> Account {
        Account {
            bank_number: number.and_then(crate::formats::text::bank_number_in_text),
            ..Account::new(name, t, &format!("{t:?}"), 2)
        }
    }

    fn chart(accounts: Vec<Account>) -> Chart {
        Chart {
            file: "chart.csv".into(),
            format: ChartFormat::QboCsv,
            accounts,
            company: None,
        }
    }

    fn statement(id: &str, kind: AccountKind, inst: Institution) -> Statement {
        Statement {
            file: "s.qbo".into(),
            account_id: Some(id.into()),
            account_number: BankNumber::from_text(id),
            kind,
            institution: inst,
            ..Statement::default()
        }
    }

    #[test]
    fn number_then_bank_then_nothing() {
        let c = chart(vec![
            account("Amex Gold x1005", AccountType::CreditCard, Some("x1005")),
            account("Chase Checking", AccountType::Bank, None),
        ]);
        let amex = Institution {
            fid: Some("3101".into()),
            ..Institution::default()
        };
        let s1 = statement("XXXXXXXXXXX1005", AccountKind::CreditCard, amex.clone());
        let s2 = statement("XXXXXXXXXXX2008", AccountKind::CreditCard, amex);
        let ids = identify(Some(&c), std::slice::from_ref(&s1));
        assert_eq!(ids[0].matched.map(|m| m.kind), Some(MatchKind::Number));
        let ids = identify(Some(&c), std::slice::from_ref(&s2));
        assert_eq!(
            ids[0].matched.map(|m| (m.account, m.kind)),
            Some((0, MatchKind::Likely))
        );
        // With the 1005 card's own statement present, 2008 is a second card, not a change.
        let ids = identify(Some(&c), &[s1, s2]);
        assert_eq!(ids[1].matched, None);
        assert!(ids[1].plausible.is_empty());
    }

    #[test]
    fn file_names_name_banks() {
        let s = Statement {
            file: "chase.csv".into(),
            ..Statement::default()
        };
        let b = statement_bank(&s).map(|b| b.bank.display());
        assert_eq!(b.as_deref(), Some("Chase"));
        let s = Statement {
            file: "Chase1234_Activity_20261115.CSV".into(),
            ..Statement::default()
        };
        let b = statement_bank(&s).map(|b| b.bank.display());
        assert_eq!(b.as_deref(), Some("Chase"));
    }

    #[test]
    fn chart_numbers_are_not_bank_numbers() {
        let mut a = account("1010 Checking", AccountType::Bank, None);
        a.chart_number = Some("1010".into());
        a.bank_number = BankNumber::from_text("1010");
        let c = chart(vec![a]);
        let s = statement("XXXX1010", AccountKind::Checking, Institution::default());
        let ids = identify(Some(&c), &[s]);
        assert_ne!(ids[0].matched.map(|m| m.kind), Some(MatchKind::Number));
    }

    #[test]
    fn short_ids_need_four_digits() {
        let a = BankNumber::from_text("1").unwrap();
        let b = BankNumber::from_text("xxxx0001").unwrap();
        assert!(!numbers_agree(&a, &b));
        let full = BankNumber::from_text("000123456789").unwrap();
        let other = BankNumber::from_text("123456789").unwrap();
        assert!(numbers_agree(&full, &other));
    }

    fn acct(name: &str, t: AccountType, detail: Option<&str>) -> Account {
        let mut a = Account::new(name, t, &format!("{t:?}"), 2);
        a.detail_type = detail.map(str::to_string);
        crate::formats::text::read_name_number(&mut a, name);
        a
    }

    fn at(fid: &str) -> Institution {
        Institution {
            fid: Some(fid.into()),
            ..Institution::default()
        }
    }

    fn matched_name(c: &Chart, id: &StatementIdentity) -> Option<String> {
        id.matched.map(|m| c.accounts[m.account].full_name.clone())
    }

    /// Class 1: a bare last four ending a bank account's name is its number; on an
    /// expense account it is not.
    #[test]
    fn bare_last_four_on_bank_accounts_only() {
        let c = chart(vec![acct("Amex Blue 3007", AccountType::CreditCard, None)]);
        let s = statement("XXXXXXXXXXX3007", AccountKind::CreditCard, at("3101"));
        let ids = identify(Some(&c), std::slice::from_ref(&s));
        assert_eq!(ids[0].matched.map(|m| m.kind), Some(MatchKind::Number));
        assert!(ids[0].because.as_deref().unwrap().contains("3007"));
        // Near miss: the same words on an expense account carry no bank number.
        let c = chart(vec![acct("Amex Fees 3007", AccountType::Expense, None)]);
        let ids = identify(Some(&c), &[s]);
        assert_eq!(ids[0].matched, None);
        assert!(ids[0].plausible.is_empty());
    }

    /// Class 2: one chart account is not the account of two different numbers.
    #[test]
    fn one_account_one_number() {
        let c = chart(vec![acct(
            "Checking 4410",
            AccountType::Bank,
            Some("Checking"),
        )]);
        let chk = statement("000123454410", AccountKind::Checking, at("10898"));
        let mm = statement("000987655520", AccountKind::MoneyMarket, at("10898"));
        let ids = identify(Some(&c), &[chk.clone(), mm.clone()]);
        assert_eq!(ids[0].matched.map(|m| m.account), Some(0));
        assert_eq!(ids[1].matched, None);
        assert!(ids[1].plausible.is_empty());
        // Near miss: with a money market account at Chase, the second has its own.
        let c = chart(vec![
            acct("Checking 4410", AccountType::Bank, Some("Checking")),
            acct(
                "Chase Money Market",
                AccountType::Bank,
                Some("Money Market"),
            ),
        ]);
        let ids = identify(Some(&c), &[chk, mm]);
        assert_eq!(
            matched_name(&c, &ids[1]).as_deref(),
            Some("Chase Money Market")
        );
        assert_eq!(ids[1].matched.map(|m| m.kind), Some(MatchKind::Likely));
    }

    /// Class 3: cash on hand is never a feed's account; the detail type decides kind.
    #[test]
    fn a_header_account_is_not_the_only_candidate() {
        // Acme's chart: "Bank Accounts" is a header above its savings account.
        let c = chart(vec![
            acct("Bank Accounts", AccountType::Bank, Some("Checking")),
            acct(
                "Bank Accounts:Chase Savings",
                AccountType::Bank,
                Some("Savings"),
            ),
        ]);
        let s = statement(
            "000123452290",
            AccountKind::Checking,
            Institution::default(),
        );
        let ids = identify(Some(&c), std::slice::from_ref(&s));
        assert_eq!(
            ids[0].matched, None,
            "a header is not the statement's account"
        );
        // Near miss: the same checking account with no sub-accounts is the only candidate.
        let c = chart(vec![
            acct("Bank Accounts", AccountType::Bank, Some("Checking")),
            acct("Chase Savings", AccountType::Bank, Some("Savings")),
        ]);
        let ids = identify(Some(&c), std::slice::from_ref(&s));
        assert_eq!(matched_name(&c, &ids[0]).as_deref(), Some("Bank Accounts"));
        assert_eq!(ids[0].matched.unwrap().kind, MatchKind::OnlyCandidate);
        // A leaf under the header is a candidate as any other account.
        let c = chart(vec![
            acct("Bank Accounts", AccountType::Bank, Some("Checking")),
            acct(
                "Bank Accounts:Operating",
                AccountType::Bank,
                Some("Checking"),
            ),
        ]);
        let ids = identify(Some(&c), &[s]);
        assert_eq!(
            matched_name(&c, &ids[0]).as_deref(),
            Some("Bank Accounts:Operating")
        );
    }

    #[test]
    fn detail_type_decides_the_kind() {
        let c = chart(vec![acct(
            "Cash Register",
            AccountType::Bank,
            Some("Cash on hand"),
        )]);
        let s = statement(
            "000123452290",
            AccountKind::Checking,
            Institution {
                org: Some("Citizens Bank".into()),
                ..Institution::default()
            },
        );
        let ids = identify(Some(&c), std::slice::from_ref(&s));
        assert_eq!(ids[0].matched, None);
        assert!(ids[0].plausible.is_empty());
        // Near miss: a numberless Citizens account is its likely account.
        let c = chart(vec![
            acct("Cash Register", AccountType::Bank, Some("Cash on hand")),
            acct("Citizens Operating", AccountType::Bank, Some("Checking")),
        ]);
        let ids = identify(Some(&c), &[s]);
        assert_eq!(
            matched_name(&c, &ids[0]).as_deref(),
            Some("Citizens Operating")
        );
        // Savings goes to the Savings-detail account, not the Checking one.
        let c = chart(vec![
            acct("Chase Main", AccountType::Bank, Some("Checking")),
            acct("Chase Reserve Fund", AccountType::Bank, Some("Savings")),
        ]);
        let sav = statement("000123457788", AccountKind::Savings, at("10898"));
        let ids = identify(Some(&c), &[sav]);
        assert_eq!(
            matched_name(&c, &ids[0]).as_deref(),
            Some("Chase Reserve Fund")
        );
        assert!(ids[0].because.as_deref().unwrap().contains("savings"));
    }

    /// Class 4: a prefix added by a bank conversion keeps the account; seven digits in
    /// common do not.
    #[test]
    fn prefixed_numbers_after_a_merger() {
        let mut a = acct("Operating", AccountType::Bank, Some("Checking"));
        a.bank_number = BankNumber::from_text("1234567890");
        let c = chart(vec![a]);
        let new = statement("0099001234567890", AccountKind::Checking, at("9990"));
        let ids = identify(Some(&c), &[new]);
        assert_eq!(
            ids[0].matched.map(|m| (m.kind, m.confidence)),
            Some((MatchKind::Number, 85))
        );
        // Near miss: only the last seven digits agree.
        let other = statement("0099009994567890", AccountKind::Checking, at("9990"));
        let ids = identify(Some(&c), &[other]);
        assert_ne!(ids[0].matched.map(|m| m.kind), Some(MatchKind::Number));
    }
}
