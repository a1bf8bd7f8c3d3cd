"""Spreadsheets in and out: reading CSV and .xlsx, mapping CRM headers, checking rows, exports.

Plain Python: nothing here knows Peewee, Textual, the store or the command line.
The import use case (leadboard.actions.importing) drives these pieces and writes
through the store inside one transaction.
"""
