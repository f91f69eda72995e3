"""Deadlines: the England working-day calendar and the table of statutory and local timescales.

Everything here is a pure function of dated facts: due dates and RAG statuses are computed, never stored.
"""
