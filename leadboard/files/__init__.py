"""Spreadsheets in and out: reading CSV and .xlsx, mapping CRM headers, checking rows, exports.

Plain Python: nothing here knows Peewee or Textual. The store's importer
(leadboard.store.importer) drives these pieces inside one transaction.
"""
