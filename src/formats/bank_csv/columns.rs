//! Column names banks use, as a data table: which header means which role, and how
//! strongly (a posting date beats a plain date, which beats a value date).
//!
//! Names are compared after [`normalize`]: lower case, accents folded, a currency in
//! parentheses (`Amount (EUR)`) taken out, punctuation turned into single spaces.
//! Only whole names match, so `rekeningnummer tegenpartij` (the counterparty's
//! account) never passes for `rekeningnummer` (the holder's).

use crate::formats::text::trim_cell;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColumnRole {
    /// The posting date.
    Date,
    /// One signed amount.
    Amount,
    /// Money out, in its own column.
    Debit,
    /// Money in, in its own column.
    Credit,
    /// The running balance after the row.
    Balance,
    /// A stated closing balance repeated on every row (CSB43 `final_balance`).
    ClosingBalance,
    /// The bank's description of the row.
    Description,
    /// The counterparty or merchant.
    Payee,
    /// A note or payment reference.
    Memo,
    /// The holder's own account number or IBAN.
    Account,
    /// The card a row was paid with.
    Card,
    /// The row's currency code.
    Currency,
    /// The holder's own bank code or BIC.
    BankId,
    /// The bank's transaction id.
    Fitid,
    /// Posted / pending.
    Status,
}

/// Header names and their roles; a higher rank wins when several columns claim a role.
pub const HEADER_NAMES: &[(&str, ColumnRole, u8)] = &[
    // Dates: booking/posting dates first, then plain dates, then value dates.
    ("posting date", ColumnRole::Date, 3),
    ("posted date", ColumnRole::Date, 3),
    ("post date", ColumnRole::Date, 3),
    ("booking date", ColumnRole::Date, 3),
    ("buchungstag", ColumnRole::Date, 3),
    ("buchungsdatum", ColumnRole::Date, 3),
    ("buchung", ColumnRole::Date, 3),
    ("boekdatum", ColumnRole::Date, 3),
    ("boekingsdatum", ColumnRole::Date, 3),
    ("date de comptabilisation", ColumnRole::Date, 3),
    ("fecha contable", ColumnRole::Date, 3),
    ("bogforingsdato", ColumnRole::Date, 3),
    ("date", ColumnRole::Date, 2),
    ("datum", ColumnRole::Date, 2),
    ("transaction date", ColumnRole::Date, 2),
    ("trans date", ColumnRole::Date, 2),
    ("txn date", ColumnRole::Date, 2),
    ("date processed", ColumnRole::Date, 2),
    ("created", ColumnRole::Date, 2),
    ("completed date", ColumnRole::Date, 2),
    ("fecha", ColumnRole::Date, 2),
    ("fecha operacion", ColumnRole::Date, 2),
    ("dato", ColumnRole::Date, 2),
    ("data", ColumnRole::Date, 2),
    ("date operation", ColumnRole::Date, 2),
    ("date d operation", ColumnRole::Date, 2),
    ("transactiedatum", ColumnRole::Date, 2),
    ("started date", ColumnRole::Date, 1),
    ("value date", ColumnRole::Date, 1),
    ("valutadatum", ColumnRole::Date, 1),
    ("valuta", ColumnRole::Date, 1),
    ("wertstellung", ColumnRole::Date, 1),
    ("rentedatum", ColumnRole::Date, 1),
    ("date de valeur", ColumnRole::Date, 1),
    ("fecha valor", ColumnRole::Date, 1),
    ("rentedato", ColumnRole::Date, 1),
    // One signed amount.
    ("amount", ColumnRole::Amount, 3),
    ("transaction amount", ColumnRole::Amount, 3),
    ("betrag", ColumnRole::Amount, 3),
    ("umsatz", ColumnRole::Amount, 2),
    ("bedrag", ColumnRole::Amount, 3),
    ("montant", ColumnRole::Amount, 3),
    ("importe", ColumnRole::Amount, 3),
    ("monto", ColumnRole::Amount, 3),
    ("importo", ColumnRole::Amount, 3),
    ("belob", ColumnRole::Amount, 3),
    ("belopp", ColumnRole::Amount, 3),
    ("net", ColumnRole::Amount, 2),
    ("gross", ColumnRole::Amount, 1),
    // Money out / money in.
    ("debit", ColumnRole::Debit, 3),
    ("debits", ColumnRole::Debit, 3),
    ("debit amount", ColumnRole::Debit, 3),
    ("withdrawal", ColumnRole::Debit, 3),
    ("withdrawals", ColumnRole::Debit, 3),
    ("withdrawal amount", ColumnRole::Debit, 3),
    ("paid out", ColumnRole::Debit, 3),
    ("money out", ColumnRole::Debit, 3),
    ("charges", ColumnRole::Debit, 2),
    ("debet", ColumnRole::Debit, 3),
    ("soll", ColumnRole::Debit, 3),
    ("af", ColumnRole::Debit, 2),
    ("cargo", ColumnRole::Debit, 3),
    ("cargos", ColumnRole::Debit, 3),
    ("udbetaling", ColumnRole::Debit, 3),
    ("uttag", ColumnRole::Debit, 3),
    ("ausgang", ColumnRole::Debit, 2),
    ("credit", ColumnRole::Credit, 3),
    ("credits", ColumnRole::Credit, 3),
    ("credit amount", ColumnRole::Credit, 3),
    ("deposit", ColumnRole::Credit, 3),
    ("deposits", ColumnRole::Credit, 3),
    ("deposit amount", ColumnRole::Credit, 3),
    ("paid in", ColumnRole::Credit, 3),
    ("money in", ColumnRole::Credit, 3),
    ("haben", ColumnRole::Credit, 3),
    ("bij", ColumnRole::Credit, 2),
    ("abono", ColumnRole::Credit, 3),
    ("abonos", ColumnRole::Credit, 3),
    ("indbetaling", ColumnRole::Credit, 3),
    ("insattning", ColumnRole::Credit, 3),
    ("eingang", ColumnRole::Credit, 2),
    // Balances.
    ("balance", ColumnRole::Balance, 3),
    ("running balance", ColumnRole::Balance, 3),
    ("runningbalance", ColumnRole::Balance, 3),
    ("current balance", ColumnRole::Balance, 2),
    ("running bal", ColumnRole::Balance, 3),
    ("balance after", ColumnRole::Balance, 2),
    ("saldo", ColumnRole::Balance, 3),
    ("saldo na trn", ColumnRole::Balance, 3),
    ("saldo nach buchung", ColumnRole::Balance, 3),
    ("saldo na mutatie", ColumnRole::Balance, 3),
    ("solde", ColumnRole::Balance, 3),
    ("kontostand", ColumnRole::Balance, 3),
    ("final balance", ColumnRole::ClosingBalance, 3),
    ("closing balance", ColumnRole::ClosingBalance, 3),
    ("ending balance", ColumnRole::ClosingBalance, 3),
    // Text.
    ("description", ColumnRole::Description, 3),
    ("transaction description", ColumnRole::Description, 3),
    ("details", ColumnRole::Description, 2),
    ("transaction details", ColumnRole::Description, 2),
    ("narrative", ColumnRole::Description, 3),
    ("omschrijving", ColumnRole::Description, 3),
    ("omschrijving 1", ColumnRole::Description, 3),
    ("naam omschrijving", ColumnRole::Description, 3),
    ("verwendungszweck", ColumnRole::Description, 2),
    ("buchungstext", ColumnRole::Description, 1),
    ("libelle", ColumnRole::Description, 3),
    ("concepto", ColumnRole::Description, 3),
    ("tekst", ColumnRole::Description, 3),
    ("text", ColumnRole::Description, 2),
    ("remarque", ColumnRole::Description, 2),
    ("beskrivelse", ColumnRole::Description, 3),
    ("particulars", ColumnRole::Description, 2),
    ("merchant name", ColumnRole::Payee, 3),
    ("payee", ColumnRole::Payee, 3),
    ("merchant", ColumnRole::Payee, 2),
    ("name", ColumnRole::Payee, 2),
    ("naam", ColumnRole::Payee, 2),
    ("naam tegenpartij", ColumnRole::Payee, 2),
    ("partner name", ColumnRole::Payee, 2),
    ("beguenstigter zahlungspflichtiger", ColumnRole::Payee, 2),
    ("begunstigter zahlungspflichtiger", ColumnRole::Payee, 2),
    ("auftraggeber empfanger", ColumnRole::Payee, 2),
    ("zahlungsempfanger", ColumnRole::Payee, 2),
    ("counter party", ColumnRole::Payee, 1),
    ("counterparty", ColumnRole::Payee, 1),
    ("memo", ColumnRole::Memo, 3),
    ("notes", ColumnRole::Memo, 2),
    ("note", ColumnRole::Memo, 2),
    ("comments", ColumnRole::Memo, 2),
    ("payment reference", ColumnRole::Memo, 2),
    ("vrije mededeling", ColumnRole::Memo, 2),
    ("mededelingen", ColumnRole::Memo, 2),
    ("reference", ColumnRole::Memo, 1),
    // The holder's own account (never the counterparty's: those names are longer).
    ("iban auftraggeberkonto", ColumnRole::Account, 4),
    ("iban", ColumnRole::Account, 3),
    ("iban bban", ColumnRole::Account, 3),
    ("auftragskonto", ColumnRole::Account, 3),
    ("auftraggeberkonto", ColumnRole::Account, 2),
    ("account", ColumnRole::Account, 2),
    ("account number", ColumnRole::Account, 2),
    ("account no", ColumnRole::Account, 2),
    ("accountnumber", ColumnRole::Account, 2),
    ("rekeningnummer", ColumnRole::Account, 2),
    ("rekening", ColumnRole::Account, 2),
    ("produit", ColumnRole::Account, 2),
    ("numero de compte", ColumnRole::Account, 2),
    ("n de compte", ColumnRole::Account, 2),
    ("numero de cuenta", ColumnRole::Account, 2),
    ("cuenta", ColumnRole::Account, 1),
    ("konto", ColumnRole::Account, 2),
    ("kontonr", ColumnRole::Account, 2),
    ("kontonummer", ColumnRole::Account, 1),
    // Cards.
    ("card no", ColumnRole::Card, 3),
    ("card number", ColumnRole::Card, 3),
    ("card", ColumnRole::Card, 2),
    ("card used for transaction", ColumnRole::Card, 3),
    ("card last 4", ColumnRole::Card, 3),
    ("kartennummer", ColumnRole::Card, 3),
    ("karte", ColumnRole::Card, 2),
    ("carte", ColumnRole::Card, 2),
    ("numero de carte", ColumnRole::Card, 3),
    ("tarjeta", ColumnRole::Card, 2),
    // Currency.
    ("currency", ColumnRole::Currency, 3),
    ("currency code", ColumnRole::Currency, 3),
    ("ccy", ColumnRole::Currency, 2),
    ("waehrung", ColumnRole::Currency, 3),
    ("wahrung", ColumnRole::Currency, 3),
    ("munt", ColumnRole::Currency, 3),
    ("monn", ColumnRole::Currency, 3),
    ("monnaie", ColumnRole::Currency, 3),
    ("devise", ColumnRole::Currency, 3),
    ("moneda", ColumnRole::Currency, 3),
    // The holder's own bank code.
    ("bic", ColumnRole::BankId, 3),
    ("bankleitzahl auftraggeberkonto", ColumnRole::BankId, 3),
    ("blz auftraggeberkonto", ColumnRole::BankId, 3),
    ("bank code", ColumnRole::BankId, 2),
    ("sort code", ColumnRole::BankId, 2),
    ("routing number", ColumnRole::BankId, 2),
    // Ids and status.
    ("id", ColumnRole::Fitid, 2),
    ("transaction id", ColumnRole::Fitid, 3),
    ("fitid", ColumnRole::Fitid, 3),
    ("n de transaction", ColumnRole::Fitid, 2),
    ("transaction reference", ColumnRole::Fitid, 2),
    ("reference number", ColumnRole::Fitid, 2),
    ("status", ColumnRole::Status, 2),
];

/// A header name folded for matching, and a currency code it carries in
/// parentheses (`Withdrawals (SGD)` gives `withdrawals` and `SGD`).
pub fn header_key_and_currency(name: &str) -> (String, Option<String>) {
    let mut currency = None;
    let mut text = name.trim().trim_start_matches('\u{feff}').to_string();
    if let (Some(open), Some(close)) = (text.find('('), text.rfind(')')) {
        if open < close {
            let inner = text[open + 1..close].trim();
            if inner.len() == 3 && inner.chars().all(|c| c.is_ascii_uppercase()) {
                currency = Some(inner.to_string());
                text.replace_range(open..=close, " ");
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let folded = fold(c);
        if folded.is_empty() {
            continue;
        }
        for f in folded.chars() {
            if f.is_alphanumeric() {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.extend(f.to_lowercase());
            } else {
                space = true;
            }
        }
    }
    (out, currency)
}

/// Folds accented letters to plain ones (`é` → `e`, `ß` → `ss`); `°` vanishes.
fn fold(c: char) -> &'static str {
    if let Some(plain) = crate::accents::fold_letter(c) {
        return plain;
    }
    match c {
        '°' | 'º' => "",
        _ => match c {
            c if c.is_ascii_alphanumeric() => ascii_str(c),
            c if c.is_alphanumeric() => "?",
            _ => " ",
        },
    }
}

/// A `&'static str` for one ASCII alphanumeric character.
fn ascii_str(c: char) -> &'static str {
    const ALNUM: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    ALNUM
        .find(c)
        .and_then(|i| ALNUM.get(i..i + 1))
        .unwrap_or(" ")
}

/// The role and rank of a header name, if the table knows it.
pub fn role_of(name: &str) -> Option<(ColumnRole, u8)> {
    let (key, _) = header_key_and_currency(name);
    HEADER_NAMES
        .iter()
        .find(|(n, _, _)| *n == key)
        .map(|(_, r, rank)| (*r, *rank))
}

/// Every role's name-candidates in a header row: `(role, rank, column)`.
pub fn header_roles(cells: &[String]) -> Vec<(ColumnRole, u8, usize)> {
    cells
        .iter()
        .enumerate()
        .filter_map(|(i, c)| role_of(c).map(|(r, rank)| (r, rank, i)))
        .collect()
}

/// Header names only card exports have (the cardholder, not a card number): they make
/// a file a card's.
pub const CARD_ONLY_NAMES: &[&str] = &[
    "card member",
    "cardmember",
    "cardholder",
    "card holder",
    "cardholder name",
    "card holder name",
    "karteninhaber",
    "titulaire de la carte",
];

/// First words of summary lines below (or among) the rows: totals and balances, which
/// are not transactions.
pub const SUMMARY_WORDS: &[&str] = &[
    "total",
    "totals",
    "subtotal",
    "summe",
    "gesamt",
    "totaal",
    "totale",
    "opening balance",
    "closing balance",
    "ending balance",
    "beginning balance",
    "starting balance",
    "anfangssaldo",
    "endsaldo",
    "solde",
    "saldo",
];

/// Whether a cell opens a summary line (`Total`, `Closing balance`).
pub fn is_summary(cell: &str) -> bool {
    let (norm, _) = header_key_and_currency(cell);
    SUMMARY_WORDS.iter().any(|w| {
        norm.strip_prefix(w)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

/// Words in preamble lines above a header, and what their value gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreambleKey {
    /// The account number the statement is for.
    Account,
    /// The closing (ledger) balance.
    ClosingBalance,
    /// The statement's currency.
    Currency,
    /// The account's type or name (`Account Type: Checking`), for its kind.
    Kind,
}

/// Preamble keys (normalised) and their meaning.
pub const PREAMBLE_KEYS: &[(&str, PreambleKey)] = &[
    ("account details for", PreambleKey::Account),
    ("account number", PreambleKey::Account),
    ("account no", PreambleKey::Account),
    ("account", PreambleKey::Account),
    ("card number", PreambleKey::Account),
    ("iban", PreambleKey::Account),
    ("konto", PreambleKey::Account),
    ("kontonummer", PreambleKey::Account),
    ("rekeningnummer", PreambleKey::Account),
    ("numero de compte", PreambleKey::Account),
    ("ledger balance", PreambleKey::ClosingBalance),
    ("closing balance", PreambleKey::ClosingBalance),
    ("ending balance", PreambleKey::ClosingBalance),
    ("schlusssaldo", PreambleKey::ClosingBalance),
    ("saldo", PreambleKey::ClosingBalance),
    ("kontostand", PreambleKey::ClosingBalance),
    ("account type", PreambleKey::Kind),
    ("type of account", PreambleKey::Kind),
    ("account name", PreambleKey::Kind),
    ("kontoname", PreambleKey::Kind),
    ("kontoart", PreambleKey::Kind),
    ("product", PreambleKey::Kind),
    ("currency", PreambleKey::Currency),
    ("waehrung", PreambleKey::Currency),
    ("wahrung", PreambleKey::Currency),
];

/// Words a type or flag column uses for money in (true) and money out (false).
pub const FLAG_WORDS: &[(&str, bool)] = &[
    ("cr", true),
    ("credit", true),
    ("dr", false),
    ("debit", false),
    ("db", false),
    // Dutch (ING: `Af Bij`) and German (`Soll/Haben`).
    ("af", false),
    ("bij", true),
    ("soll", false),
    ("haben", true),
];

/// The longest of [`FLAG_WORDS`], in bytes.
const LONGEST_FLAG_WORD: usize = crate::formats::text::longest_key(FLAG_WORDS);

/// Whether a cell is a money-in (`Some(true)`) or money-out (`Some(false)`) flag word.
pub fn flag_word(cell: &str) -> Option<bool> {
    let cell = trim_cell(cell);
    // Type columns mostly hold longer words (`DEBIT_CARD`): no list walk for those.
    if cell.len() > LONGEST_FLAG_WORD {
        return None;
    }
    FLAG_WORDS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(cell))
        .map(|(_, incoming)| *incoming)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_to_table_keys() {
        assert_eq!(
            header_key_and_currency("Amount (EUR)"),
            ("amount".into(), Some("EUR".into()))
        );
        assert_eq!(
            header_key_and_currency("N° de transaction").0,
            "n de transaction"
        );
        assert_eq!(header_key_and_currency("Débit").0, "debit");
        assert_eq!(header_key_and_currency("Card No.").0, "card no");
        assert_eq!(header_key_and_currency("IBAN/BBAN").0, "iban bban");
        assert_eq!(role_of("Rekeningnummer"), Some((ColumnRole::Account, 2)));
        assert_eq!(role_of("rekeningnummer tegenpartij"), None);
        assert_eq!(role_of("Partner Iban"), None);
        assert_eq!(role_of("Withdrawals (SGD)"), Some((ColumnRole::Debit, 3)));
        assert_eq!(role_of("Monn."), Some((ColumnRole::Currency, 3)));
    }
}
