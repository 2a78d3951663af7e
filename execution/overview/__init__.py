"""execution.overview"""
