"""Composition root: CLI, session runner and partner web service."""
