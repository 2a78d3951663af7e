"""execution.feeds"""
