"""The partner-model diagram as a standalone SVG file."""

from plans.exports.base import PlanExporter, Progress, export_filename
from plans.exports.diagram import plan_svg


class SvgDiagramExporter(PlanExporter):
    identifier = "svg"
    extension = "svg"
    content_type = "image/svg+xml"

    @property
    def filename(self) -> str:
        plan = self.plan
        return export_filename(
            f"Модель {plan.unit.name} {plan.year}-{plan.year + 1}", self.extension
        )

    def render_bytes(self, progress: Progress) -> bytes:
        svg = plan_svg(self.plan, self._lines)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n").encode("utf-8")
