"""What commsplan writes into a spreadsheet: the workbook with the contract's tabs (the blank
template, the demo, the proposals beside an .xlsx register), a Google Sheet's tabs and headers
(`commsplan init`), the check's result (`check --write-back`) and imported rows."""
