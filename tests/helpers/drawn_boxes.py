"""Checks that boxes and labels were really drawn into a figure panel (BGR arrays)."""
import numpy as np


def outline(box, width, height):
    """(ys, xs) of the four edges of ``box`` (x1, y1, x2, y2), rounded and clipped to the
    image as the drawing clips it."""
    x1, y1, x2, y2 = (int(round(v)) for v in box)
    x1, x2 = (min(max(v, 0), width - 1) for v in (x1, x2))
    y1, y2 = (min(max(v, 0), height - 1) for v in (y1, y2))
    xs, ys = np.arange(x1, x2 + 1), np.arange(y1, y2 + 1)
    return (np.concatenate([np.full_like(xs, y1), np.full_like(xs, y2), ys, ys]),
            np.concatenate([xs, xs, np.full_like(ys, x1), np.full_like(ys, x2)]))


def outline_share(panel, box, colour):
    """Share of the box outline's pixels that have exactly ``colour``."""
    ys, xs = outline(box, panel.shape[1], panel.shape[0])
    return float((panel[ys, xs] == np.array(colour)).all(axis=1).mean())


def changed_pixels(panel, plain):
    """Boolean map of the pixels the drawing changed."""
    return (panel != plain).any(axis=2)


def label_text_pixels(panel, plain, colour):
    """Pixels the drawing changed to something other than the box colour: label text
    (black, anti-aliased on the colour)."""
    return int((changed_pixels(panel, plain) & ~(panel == np.array(colour)).all(axis=2)).sum())
