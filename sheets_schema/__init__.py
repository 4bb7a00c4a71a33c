"""The sheet contract, one YAML file per tab; installed as commsplan.sheets_schema."""
