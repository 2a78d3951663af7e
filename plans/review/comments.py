"""Review comments on a plan: what the plan page needs to show them and to add one.

A methodist (or an administrator) comments on a plan or on one of its rows. A comment stays open
until it is resolved by a reviewer or by a keeper of the plan's unit (`partners.policy`).
"""

from collections import Counter

from partners import inputs, policy
from plans.models import Comment, Plan
from plans.review.forms import CommentForm


def open_comments(plan: Plan) -> list[Comment]:
    return list(
        plan.comments.filter(resolved_at__isnull=True).select_related(
            "author", "row", "row__partner", "plan"
        )
    )


def all_comments(plan: Plan):
    return plan.comments.select_related("author", "resolved_by", "row", "row__partner")


def row_choices(lines) -> list[tuple[int, str]]:
    """The rows of a plan's table (`plans.table.build_table`) to choose from in a comment."""
    return [
        (line.row.pk, f"{line.number}. {line.row.partner.name}")
        for line in lines
        if not line.is_heading
    ]


def comment_form(user, plan: Plan, lines, data=None, initial=None) -> CommentForm:
    return CommentForm(
        data,
        rows=row_choices(lines),
        allow_return=policy.may_return(user, plan),
        initial=initial,
    )


def _initial_row(request, lines) -> int | None:
    wanted = inputs.parse_id(request.GET.get("comment_row", ""))  # a bad one is ignored
    return wanted if any(pk == wanted for pk, _label in row_choices(lines)) else None


def _first_per_row(comments) -> dict[int, int]:
    """The oldest open comment of each row, where a row's badge links."""
    first: dict[int, int] = {}
    for comment in reversed(comments):  # newest first: keep the oldest per row
        if comment.row_id:
            first[comment.row_id] = comment.pk
    return first


def plan_comment_context(request, plan: Plan, lines, form: CommentForm | None = None) -> dict:
    """What the plan page needs for its comments, in a fixed number of queries.

    `lines` are the plan's table lines (`build_table`), so the row choices cost no query.
    """
    user = request.user
    comments = open_comments(plan)
    commenting = policy.may_comment(user, plan)
    if commenting and form is None:
        initial_row = _initial_row(request, lines)
        form = comment_form(user, plan, lines, initial={"row": initial_row})
        form_open = initial_row is not None
    else:
        form_open = form is not None and form.is_bound
    return {
        "comments": comments,
        "comment_counts": dict(Counter(c.row_id for c in comments if c.row_id)),
        "first_comment": _first_per_row(comments),
        "can_comment": commenting,
        "can_resolve": bool(comments) and policy.may_resolve_comments(user, plan),
        "comment_form": form if commenting else None,
        "comment_form_open": form_open,
    }
