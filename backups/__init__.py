"""Backup and restore: one archive with the database (native snapshot and a portable form),
every stored file and a manifest of checksums. Nothing in the project imports this package."""
