"""Boxes on the drawing: overlap, growth, and where a spoke leaves or crosses one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Box:
    x: float  # left
    y: float  # top
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def overlaps(self, other: Box, gap: float = 0) -> bool:
        return not (
            self.x + self.w + gap <= other.x
            or other.x + other.w + gap <= self.x
            or self.y + self.h + gap <= other.y
            or other.y + other.h + gap <= self.y
        )

    def grown(self, by: float) -> Box:
        return Box(self.x - by, self.y - by, self.w + 2 * by, self.h + 2 * by)

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.w, self.h)

    def exit_point(self, dx: float, dy: float) -> tuple[float, float]:
        """Where a ray from the centre in direction (dx, dy) leaves the box."""
        scales = []
        if dx:
            scales.append(self.w / 2 / abs(dx))
        if dy:
            scales.append(self.h / 2 / abs(dy))
        s = min(scales) if scales else 0
        return self.cx + dx * s, self.cy + dy * s

    def crosses_segment(self, p: tuple[float, float], q: tuple[float, float]) -> bool:
        """Liang–Barsky clipping: does the segment p–q pass through the box?"""
        (x0, y0), (x1, y1) = p, q
        dx, dy = x1 - x0, y1 - y0
        t0, t1 = 0.0, 1.0
        for edge_p, edge_q in [
            (-dx, x0 - self.x),
            (dx, self.x + self.w - x0),
            (-dy, y0 - self.y),
            (dy, self.y + self.h - y0),
        ]:
            if edge_p == 0:
                if edge_q < 0:
                    return False
                continue
            t = edge_q / edge_p
            if edge_p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
        return True

