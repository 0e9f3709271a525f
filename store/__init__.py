"""Storage of people, check-ins and entries; the only package that imports sqlite-utils."""
