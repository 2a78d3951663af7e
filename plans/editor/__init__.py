"""The plan editor: create and copy plans, change their rows and activities, tell and undo history.

* `services` holds the rules of every change (approved plans refuse, versions, one history
  record per change); `copying` and `restoring` are the copy-forward and undo parts of it;
* `history` tells a plan's history field by field;
* `forms` are the editor's forms; `panels` builds what the editor templates show;
* `views` are short function views, split by concern, behind one prelude (`views.prelude`) and
  one choice between an htmx fragment and a full page (`views.respond`);
* `urls` is included by `plans.urls` into the `plans` namespace; templates live in
  `templates/plans/edit/`.
"""
