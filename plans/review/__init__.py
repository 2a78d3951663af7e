"""Review of plans: the coverage of a year's plans, comments on a plan, the workflow's buttons.

- `coverage/`: where the plans of a year have holes (gaps, matrices, last year, drill-down);
- `comments.py`: what the plan page needs to show and add comments;
- `filters.py`, `forms.py`: the coverage filters and the comment and workflow forms;
- `views.py`, `urls.py`: the pages; templates in `templates/coverage/` and
  `templates/plans/review/`.

Every «may this user …» question is asked of `partners.policy`; the workflow's steps come from
`plans.workflow`. Review is a package of `plans`, not an app: its data (comments, transitions) are
plans' models, and its URLs keep the names `coverage:…`, `comments:…` and `plans:transition`.
"""
