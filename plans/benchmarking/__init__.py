"""The benchmark behind `make bench` (`manage.py benchmark`): synthetic plans of 25, 200 and
2,000 rows and 42 units in a year of their own (plans.synth), every figure of issue 13 measured
side by side in one run, each next to a baseline measured in the same run and its target.

Modules: :mod:`.figures` (a figure, its target, the table and the JSON), :mod:`.sizes` (the
data), :mod:`.pages` (pages through Django's test client), :mod:`.load` (throughput with
concurrent clients against gunicorn), :mod:`.child` (an export in a process of its own, for its
peak memory), :mod:`.baseline` (raw WeasyPrint on a minimal table of the same text) and
:mod:`.suite` (what is measured, in which order).
"""
