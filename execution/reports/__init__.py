"""execution.reports"""
