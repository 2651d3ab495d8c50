//! Column names banks use, as a data table: which header means which role, and how
//! strongly (a posting date beats a plain date, which beats a value date).
//!
//! Names are compared after [`normalize`]: lower case, accents folded, a currency in
//! parentheses (`Amount (EUR)`) taken out, punctuation turned into single spaces.
//! Only whole names match, so `rekeningnummer tegenpartij` (the counterparty's
//! account) never passes for `rekeningnummer` (the holder's).

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
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
pub const HEADER_NAMES: &[(&str, Role, u8)] = &[
    // Dates: booking/posting dates first, then plain dates, then value dates.
    ("posting date", Role::Date, 3),
    ("posted date", Role::Date, 3),
    ("post date", Role::Date, 3),
    ("booking date", Role::Date, 3),
    ("buchungstag", Role::Date, 3),
    ("buchungsdatum", Role::Date, 3),
    ("buchung", Role::Date, 3),
    ("boekdatum", Role::Date, 3),
    ("boekingsdatum", Role::Date, 3),
    ("date de comptabilisation", Role::Date, 3),
    ("fecha contable", Role::Date, 3),
    ("bogforingsdato", Role::Date, 3),
    ("date", Role::Date, 2),
    ("datum", Role::Date, 2),
    ("transaction date", Role::Date, 2),
    ("trans date", Role::Date, 2),
    ("txn date", Role::Date, 2),
    ("date processed", Role::Date, 2),
    ("created", Role::Date, 2),
    ("completed date", Role::Date, 2),
    ("fecha", Role::Date, 2),
    ("fecha operacion", Role::Date, 2),
    ("dato", Role::Date, 2),
    ("data", Role::Date, 2),
    ("date operation", Role::Date, 2),
    ("date d operation", Role::Date, 2),
    ("transactiedatum", Role::Date, 2),
    ("started date", Role::Date, 1),
    ("value date", Role::Date, 1),
    ("valutadatum", Role::Date, 1),
    ("valuta", Role::Date, 1),
    ("wertstellung", Role::Date, 1),
    ("rentedatum", Role::Date, 1),
    ("date de valeur", Role::Date, 1),
    ("fecha valor", Role::Date, 1),
    ("rentedato", Role::Date, 1),
    // One signed amount.
    ("amount", Role::Amount, 3),
    ("transaction amount", Role::Amount, 3),
    ("betrag", Role::Amount, 3),
    ("umsatz", Role::Amount, 2),
    ("bedrag", Role::Amount, 3),
    ("montant", Role::Amount, 3),
    ("importe", Role::Amount, 3),
    ("monto", Role::Amount, 3),
    ("importo", Role::Amount, 3),
    ("belob", Role::Amount, 3),
    ("belopp", Role::Amount, 3),
    ("net", Role::Amount, 2),
    ("gross", Role::Amount, 1),
    // Money out / money in.
    ("debit", Role::Debit, 3),
    ("debits", Role::Debit, 3),
    ("debit amount", Role::Debit, 3),
    ("withdrawal", Role::Debit, 3),
    ("withdrawals", Role::Debit, 3),
    ("withdrawal amount", Role::Debit, 3),
    ("paid out", Role::Debit, 3),
    ("money out", Role::Debit, 3),
    ("charges", Role::Debit, 2),
    ("debet", Role::Debit, 3),
    ("soll", Role::Debit, 3),
    ("af", Role::Debit, 2),
    ("cargo", Role::Debit, 3),
    ("cargos", Role::Debit, 3),
    ("udbetaling", Role::Debit, 3),
    ("uttag", Role::Debit, 3),
    ("ausgang", Role::Debit, 2),
    ("credit", Role::Credit, 3),
    ("credits", Role::Credit, 3),
    ("credit amount", Role::Credit, 3),
    ("deposit", Role::Credit, 3),
    ("deposits", Role::Credit, 3),
    ("deposit amount", Role::Credit, 3),
    ("paid in", Role::Credit, 3),
    ("money in", Role::Credit, 3),
    ("haben", Role::Credit, 3),
    ("bij", Role::Credit, 2),
    ("abono", Role::Credit, 3),
    ("abonos", Role::Credit, 3),
    ("indbetaling", Role::Credit, 3),
    ("insattning", Role::Credit, 3),
    ("eingang", Role::Credit, 2),
    // Balances.
    ("balance", Role::Balance, 3),
    ("running balance", Role::Balance, 3),
    ("runningbalance", Role::Balance, 3),
    ("current balance", Role::Balance, 2),
    ("running bal", Role::Balance, 3),
    ("balance after", Role::Balance, 2),
    ("saldo", Role::Balance, 3),
    ("saldo na trn", Role::Balance, 3),
    ("saldo nach buchung", Role::Balance, 3),
    ("saldo na mutatie", Role::Balance, 3),
    ("solde", Role::Balance, 3),
    ("kontostand", Role::Balance, 3),
    ("final balance", Role::ClosingBalance, 3),
    ("closing balance", Role::ClosingBalance, 3),
    ("ending balance", Role::ClosingBalance, 3),
    // Text.
    ("description", Role::Description, 3),
    ("transaction description", Role::Description, 3),
    ("details", Role::Description, 2),
    ("transaction details", Role::Description, 2),
    ("narrative", Role::Description, 3),
    ("omschrijving", Role::Description, 3),
    ("omschrijving 1", Role::Description, 3),
    ("naam omschrijving", Role::Description, 3),
    ("verwendungszweck", Role::Description, 2),
    ("buchungstext", Role::Description, 1),
    ("libelle", Role::Description, 3),
    ("concepto", Role::Description, 3),
    ("tekst", Role::Description, 3),
    ("text", Role::Description, 2),
    ("remarque", Role::Description, 2),
    ("beskrivelse", Role::Description, 3),
    ("particulars", Role::Description, 2),
    ("merchant name", Role::Payee, 3),
    ("payee", Role::Payee, 3),
    ("merchant", Role::Payee, 2),
    ("name", Role::Payee, 2),
    ("naam", Role::Payee, 2),
    ("naam tegenpartij", Role::Payee, 2),
    ("partner name", Role::Payee, 2),
    ("beguenstigter zahlungspflichtiger", Role::Payee, 2),
    ("begunstigter zahlungspflichtiger", Role::Payee, 2),
    ("auftraggeber empfanger", Role::Payee, 2),
    ("zahlungsempfanger", Role::Payee, 2),
    ("counter party", Role::Payee, 1),
    ("counterparty", Role::Payee, 1),
    ("memo", Role::Memo, 3),
    ("notes", Role::Memo, 2),
    ("note", Role::Memo, 2),
    ("comments", Role::Memo, 2),
    ("payment reference", Role::Memo, 2),
    ("vrije mededeling", Role::Memo, 2),
    ("mededelingen", Role::Memo, 2),
    ("reference", Role::Memo, 1),
    // The holder's own account (never the counterparty's: those names are longer).
    ("iban auftraggeberkonto", Role::Account, 4),
    ("iban", Role::Account, 3),
    ("iban bban", Role::Account, 3),
    ("auftragskonto", Role::Account, 3),
    ("auftraggeberkonto", Role::Account, 2),
    ("account", Role::Account, 2),
    ("account number", Role::Account, 2),
    ("account no", Role::Account, 2),
    ("accountnumber", Role::Account, 2),
    ("rekeningnummer", Role::Account, 2),
    ("rekening", Role::Account, 2),
    ("produit", Role::Account, 2),
    ("numero de compte", Role::Account, 2),
    ("n de compte", Role::Account, 2),
    ("numero de cuenta", Role::Account, 2),
    ("cuenta", Role::Account, 1),
    ("konto", Role::Account, 2),
    ("kontonr", Role::Account, 2),
    ("kontonummer", Role::Account, 1),
    // Cards.
    ("card no", Role::Card, 3),
    ("card number", Role::Card, 3),
    ("card", Role::Card, 2),
    ("card used for transaction", Role::Card, 3),
    ("card last 4", Role::Card, 3),
    ("kartennummer", Role::Card, 3),
    ("karte", Role::Card, 2),
    ("carte", Role::Card, 2),
    ("numero de carte", Role::Card, 3),
    ("tarjeta", Role::Card, 2),
    // Currency.
    ("currency", Role::Currency, 3),
    ("currency code", Role::Currency, 3),
    ("ccy", Role::Currency, 2),
    ("waehrung", Role::Currency, 3),
    ("wahrung", Role::Currency, 3),
    ("munt", Role::Currency, 3),
    ("monn", Role::Currency, 3),
    ("monnaie", Role::Currency, 3),
    ("devise", Role::Currency, 3),
    ("moneda", Role::Currency, 3),
    // The holder's own bank code.
    ("bic", Role::BankId, 3),
    ("bankleitzahl auftraggeberkonto", Role::BankId, 3),
    ("blz auftraggeberkonto", Role::BankId, 3),
    ("bank code", Role::BankId, 2),
    ("sort code", Role::BankId, 2),
    ("routing number", Role::BankId, 2),
    // Ids and status.
    ("id", Role::Fitid, 2),
    ("transaction id", Role::Fitid, 3),
    ("fitid", Role::Fitid, 3),
    ("n de transaction", Role::Fitid, 2),
    ("transaction reference", Role::Fitid, 2),
    ("reference number", Role::Fitid, 2),
    ("status", Role::Status, 2),
];

/// A header name folded for matching, and a currency code it carries in
/// parentheses (`Withdrawals (SGD)` gives `withdrawals` and `SGD`).
pub fn normalize(name: &str) -> (String, Option<String>) {
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
pub fn role_of(name: &str) -> Option<(Role, u8)> {
    let (key, _) = normalize(name);
    HEADER_NAMES
        .iter()
        .find(|(n, _, _)| *n == key)
        .map(|(_, r, rank)| (*r, *rank))
}

/// Every role's name-candidates in a header row: `(role, rank, column)`.
pub fn header_roles(cells: &[String]) -> Vec<(Role, u8, usize)> {
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
    let (norm, _) = normalize(cell);
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

/// Whether a cell is a money-in (`Some(true)`) or money-out (`Some(false)`) flag word.
pub fn flag_word(cell: &str) -> Option<bool> {
    let lower = cell.trim().to_ascii_lowercase();
    FLAG_WORDS
        .iter()
        .find(|(w, _)| *w == lower)
        .map(|(_, incoming)| *incoming)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_to_table_keys() {
        assert_eq!(
            normalize("Amount (EUR)"),
            ("amount".into(), Some("EUR".into()))
        );
        assert_eq!(normalize("N° de transaction").0, "n de transaction");
        assert_eq!(normalize("Débit").0, "debit");
        assert_eq!(normalize("Card No.").0, "card no");
        assert_eq!(normalize("IBAN/BBAN").0, "iban bban");
        assert_eq!(role_of("Rekeningnummer"), Some((Role::Account, 2)));
        assert_eq!(role_of("rekeningnummer tegenpartij"), None);
        assert_eq!(role_of("Partner Iban"), None);
        assert_eq!(role_of("Withdrawals (SGD)"), Some((Role::Debit, 3)));
        assert_eq!(role_of("Monn."), Some((Role::Currency, 3)));
    }
}
