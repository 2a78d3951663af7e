"""execution.recording"""
