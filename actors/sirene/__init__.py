"""The SIRENE import: parsing of the stock files, ESS classification, territory location,
staged validation and the bulk write (COPY on PostgreSQL, bulk operations elsewhere)."""
