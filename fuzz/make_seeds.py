#!/usr/bin/env python3
"""Structure-aware seeds for the fuzz targets (fuzz/README.md): small files shaped like
issue 9's hostile inputs, which random mutation of real exports rarely reaches: xlsx
zips whose entries share a part or whose cells all point at one shared string, OFX with
many statements and deep nesting, CSVs with one endless line, many bad rows, control and
bidi characters, fullwidth digits. Written to corpus/<target>/ (not committed)."""
import io, os, sys, zipfile, struct, zlib

out = sys.argv[1] if len(sys.argv) > 1 else "corpus"

def put(target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))

RELS = '<Relationships><Relationship Id="r0" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>'

def workbook(sheets, shared=None, sheet_xml=""):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_rels/.rels", RELS)
        wb = "<workbook><sheets>" + "".join(f'<sheet name="S{i}" sheetId="{i}" r:id="s{i}"/>' for i in range(sheets)) + "</sheets></workbook>"
        rels = "<Relationships>" + "".join(f'<Relationship Id="s{i}" Type="x/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(sheets))
        rels += '<Relationship Id="ss" Type="x/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
        for i in range(sheets):
            z.writestr(f"xl/worksheets/sheet{i}.xml", sheet_xml)
    return b.getvalue()

def overlapping(entries, part):
    """A zip whose directory lists `entries` names for one deflated local part."""
    data = zlib.compress(part.encode(), 6)[2:-4]
    name = b"xl/worksheets/sheet0.xml"
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, 0, len(data), len(part), len(name), 0) + name + data
    body = bytearray(local)
    central = bytearray()
    for i in range(entries):
        n = f"xl/worksheets/sheet{i}.xml".encode()
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, 0, len(data), len(part), len(n), 0, 0, 0, 0, 0, 0) + n
    start = len(body)
    body += central
    body += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, entries, entries, len(central), start, 0)
    return bytes(body)

header_row = '<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>'
rows = "".join(f'<row r="{r}"><c t="s"><v>3</v></c><c t="s"><v>2</v></c></row>' for r in range(2, 40))
put("xlsx", "amplified.xlsx", workbook(1, "<sst><si><t>Account</t></si><si><t>Type</t></si><si><t>Bank</t></si><si><t>" + "A" * 20000 + "</t></si></sst>", "<worksheet><sheetData>" + header_row + rows + "</sheetData></worksheet>"))
put("xlsx", "overlap.xlsx", overlapping(200, "<worksheet><sheetData>" + " " * 20000 + "</sheetData></worksheet>"))
put("xlsx", "manysheets.xlsx", workbook(20, None, "<worksheet><sheetData><row><c/></row></sheetData></worksheet>"))
put("xlsx", "wide.xlsx", workbook(1, None, '<worksheet><sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'))

ofx_head = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><SIGNONMSGSRSV1><SONRS><FI><ORG>Bank 123456789012<FID>98765432101</FI><INTU.BID>5556667778</SONRS></SIGNONMSGSRSV1><BANKMSGSRSV1>"
stmt = "<STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>{b}<ACCTID>{a:08}<ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST><DTSTART>20261001<DTEND>20261031<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261002<TRNAMT>-1.00<FITID>X<NAME>N\u202eX</STMTTRN></BANKTRANLIST><LEDGERBAL><BALAMT>1.00<DTASOF>20261031</LEDGERBAL></STMTRS></STMTTRNRS>"
put("ofx", "many-statements.ofx", ofx_head + "".join(stmt.format(b=100 + i % 7, a=i) for i in range(300)) + "</BANKMSGSRSV1></OFX>")
put("ofx", "deep.ofx", "OFXHEADER:100\n\n" + "<OFX>" * 5000)
put("ofx", "long-value.ofx", ofx_head + "<STMTTRNRS><STMTRS><BANKACCTFROM><ACCTID>" + "9" * 100000 + "</BANKACCTFROM></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>")
put("ofx", "xml.ofx", '<?xml version="1.0"?><?OFX OFXHEADER="200" VERSION="220"?><OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKACCTFROM><ACCTID>1234</ACCTID></BANKACCTFROM><BANKTRANLIST><STMTTRN><DTPOSTED>20261002</DTPOSTED><TRNAMT>-1.00</TRNAMT><NAME><![CDATA[A&B]]></NAME></STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>')

chase = "Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #,\r\n" + "".join(
    f'DEBIT,11/{d:02}/2026,"POS WHOLE FOODS #{d}",-{d}.23,DEBIT_CARD,{1000 - d}.00,,\r\n' for d in range(1, 29))
put("bank_csv", "chase.csv", chase)
put("bank_csv", "bad-rows.csv", "Date,Description,Amount\n" + "not a date,x,zz\n" * 500)
put("bank_csv", "one-line.csv", "Date,Description,Amount\n01/02/2026," + "x" * 200000)
put("bank_csv", "controls.csv", "Date,Description,Amount\n01/02/2026,\"a\x1b[2J\nb\u202e\u200b\uff14\uff18\uff12\uff11\",-1.00\n")
chart = "Account,Type,Detail type,Description,Balance\n"
put("chart_csv", "bad-rows.csv", chart + "Acct,Weird,,,x\n" * 500)
put("chart_csv", "one-line.csv", chart + "Checking,Bank,Checking,,1.00\n" + "x" * 200000)
put("chart_csv", "spoofs.csv", chart + "Chase Checking,Bank,Checking,,\n\"Chase Che\u202egnikc\",Bank,Checking,,\n\u0421hase Checking,Bank,Checking,,\n\"Checking 4111\u00a01111\u00a01111\u00a04821\",Bank,Checking,,\n" + '"' + "Long name " * 3000 + '",Bank,Checking,,\n')
put("iif", "bad-rows.iif", "!ACCNT\tNAME\tACCNTTYPE\tOBAMOUNT\n" + "ACCNT\tA\tBANK\tten\n" * 500)
for t in ("check", "stream"):
    put(t, "chase.csv", chase)
    put(t, "many-statements.ofx", ofx_head + "".join(stmt.format(b=100 + i % 7, a=i) for i in range(50)) + "</BANKMSGSRSV1></OFX>")
    put(t, "amplified.xlsx", workbook(1, "<sst><si><t>Account</t></si><si><t>Type</t></si><si><t>Bank</t></si><si><t>" + "A" * 5000 + "</t></si></sst>", "<worksheet><sheetData>" + header_row + rows + "</sheetData></worksheet>"))
print("seeds written to", out)
