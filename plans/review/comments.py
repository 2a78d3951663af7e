"""Review comments on a plan: what the plan page needs to show them and to add one.

A methodist (or an administrator) comments on a plan or on one of its rows. A comment stays open
until it is resolved by a reviewer or by a keeper of the plan's unit (`partners.policy`).
"""

from collections import Counter

from django.db.models import prefetch_related_objects

from partners import inputs, policy
from partners.compiled import Compiled
from plans.models import Comment, Plan
from plans.review.forms import CommentForm
from plans.table import build_table

# On every plan page: compiled once (`partners.compiled`).
_OPEN = Compiled(lambda plan_id: Comment.objects.filter(plan_id=plan_id, resolved_at__isnull=True))


def open_comments(plan: Plan) -> list[Comment]:
    """The plan's open comments, with their authors and rows: a plain query, and the related
    objects only when there are comments (most plans have none, and a query joining four
    tables costs Django more to build than to run)."""
    comments = _OPEN.objects(plan.pk)
    if comments:
        prefetch_related_objects(comments, "author", "row__partner")
    for comment in comments:
        comment.plan = plan  # the page's plan: not read again
    return comments


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


def initial_row(request, lines) -> int | None:
    wanted = inputs.parse_id(request.GET.get("comment_row", ""))  # a bad one is ignored
    return wanted if any(pk == wanted for pk, _label in row_choices(lines)) else None


def form_asked(request) -> bool:
    """Whether the page was opened to write a comment (a row's «+ comment» link, or «Leave a
    comment» without JavaScript): then it shows the form open. Otherwise it shows a link that
    loads the form (its row list is the whole plan)."""
    return "comment" in request.GET or "comment_row" in request.GET


def _first_per_row(comments) -> dict[int, int]:
    """The oldest open comment of each row, where a row's badge links."""
    first: dict[int, int] = {}
    for comment in reversed(comments):  # newest first: keep the oldest per row
        if comment.row_id:
            first[comment.row_id] = comment.pk
    return first


def plan_comment_context(request, plan: Plan, lines=None, form: CommentForm | None = None,
                         *, with_form: bool = False) -> dict:
    """What a page needs for the plan's comments, in a fixed number of queries.

    The form is built when it is shown: sent with errors (`form`), asked for (`with_form`,
    `form_asked`); `lines` are the plan's table lines (`build_table`, read when not given),
    the rows to choose from.
    """
    user = request.user
    comments = open_comments(plan)
    commenting = policy.may_comment(user, plan)
    if commenting and form is None and (with_form or form_asked(request)):
        if lines is None:
            lines = build_table(plan)
        form = comment_form(user, plan, lines, initial={"row": initial_row(request, lines)})
    return {
        "comments": comments,
        "comment_counts": dict(Counter(c.row_id for c in comments if c.row_id)),
        "first_comment": _first_per_row(comments),
        "can_comment": commenting,
        "can_resolve": bool(comments) and policy.may_resolve_comments(user, plan),
        "comment_form": form if commenting else None,
    }
