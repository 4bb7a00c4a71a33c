"""Pure functions from a Book to Findings: row checks, cadence rules, topic coverage."""
