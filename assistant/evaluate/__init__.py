"""Evaluation: question files, dataset adapters, retrieval metrics, reports."""
