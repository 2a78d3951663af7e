"""The editor's views, one module per concern; `prelude` and `respond` are shared by all."""
