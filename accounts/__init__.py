"""Signing in and out, the login lockout page, and changing one's own password."""
