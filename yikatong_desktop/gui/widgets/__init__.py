"""Widgets shared by pages."""
