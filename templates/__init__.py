"""The words of the documents, one template per document type; installed as commsplan.templates."""
