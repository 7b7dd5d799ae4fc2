"""Reminders: when they are due, sending them by Web Push and email, and their settings pages."""
