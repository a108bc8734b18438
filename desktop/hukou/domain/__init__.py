"""Pure value types of the domain: citizen ID numbers, names, licence codes, dates."""
