"""The methodist's execution view (issue 12, item 4): planned against held against overdue.

- `filters`: the coverage's filters and a partner (`OverviewFilter`, `OverviewParams`), and the
  drill-down's status and month (`DrillForm`);
- `services`: the year's rows and activities in scope, loaded once and tallied by
  `execution.tally` (`today()` is the seam tests replace), and which activities lie behind a
  number;
- `tables`: the tables by unit, partner, category, direction and month, every number a link;
- `page`: the whole page (the overdue first, totals, achievements, charts) and the drill-down's
  slots in words;
- `xlsx`: the tables as a workbook; `views`, `urls`: `overview:index`, `overview:activities`,
  `overview:xlsx`.
"""
