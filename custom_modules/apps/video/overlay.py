"""Colour overlays, titles and a class legend drawn straight into BGR frames.

mmseg's ``SegLocalVisualizer`` draws through matplotlib, one image at a
time, in RGB; video frames from OpenCV are BGR. These numpy/cv2 functions
take palettes in mmseg's RGB order and convert exactly once (``_bgr``), so
every colour in a panel matches the legend.
"""
import cv2
import numpy as np
from mmseg.datasets import CityscapesDataset

CITYSCAPES_CLASSES = tuple(CityscapesDataset.METAINFO['classes'])
CITYSCAPES_PALETTE = tuple(tuple(c) for c in CityscapesDataset.METAINFO['palette'])  # RGB

_FONT = cv2.FONT_HERSHEY_SIMPLEX


def _bgr(palette) -> np.ndarray:
    """(N, 3) uint8 BGR lookup table from an RGB palette."""
    return np.asarray(palette, dtype=np.uint8).reshape(-1, 3)[:, ::-1].copy()


def colorize(labels: np.ndarray, palette=CITYSCAPES_PALETTE) -> np.ndarray:
    """BGR image of an (H, W) label map; labels outside the palette (e.g. 255) are black."""
    table = np.zeros((256, 3), np.uint8)
    colours = _bgr(palette)
    table[:len(colours)] = colours
    return table[labels.astype(np.uint8)]


def overlay(frame: np.ndarray, labels: np.ndarray, opacity: float = 0.5,
            palette=CITYSCAPES_PALETTE) -> np.ndarray:
    """``frame`` (BGR) blended with the colour-coded ``labels`` at ``opacity`` (0..1)."""
    if not 0 <= opacity <= 1:
        raise ValueError(f'opacity must be in [0, 1], got {opacity}')
    if labels.shape != frame.shape[:2]:
        raise ValueError(f'label map {labels.shape} does not match frame {frame.shape[:2]}')
    return cv2.addWeighted(colorize(labels, palette), opacity, frame, 1 - opacity, 0)


def _title(panel: np.ndarray, text: str) -> np.ndarray:
    scale = max(0.35, panel.shape[1] / 900)
    (w, h), base = cv2.getTextSize(text, _FONT, scale, 1)
    cv2.rectangle(panel, (0, 0), (w + 6, h + base + 6), (0, 0, 0), -1)
    cv2.putText(panel, text, (3, h + 3), _FONT, scale, (255, 255, 255), 1, cv2.LINE_AA)
    return panel


def legend_swatch_boxes(width: int, num_classes: int, row_height: int = 18):
    """Grid layout of the legend: (rows, columns, cell width) for ``width`` pixels."""
    cols = max(1, min(num_classes, width // 110))
    rows = -(-num_classes // cols)
    return rows, cols, width // cols


def draw_legend(width: int, classes=CITYSCAPES_CLASSES, palette=CITYSCAPES_PALETTE,
                row_height: int = 18) -> np.ndarray:
    """BGR strip ``width`` wide: one colour swatch and name per class, in a grid."""
    rows, cols, cell = legend_swatch_boxes(width, len(classes), row_height)
    strip = np.full((rows * row_height, width, 3), 255, np.uint8)
    colours = _bgr(palette)
    for i, name in enumerate(classes):
        y, x = (i // cols) * row_height, (i % cols) * cell
        strip[y + 2:y + row_height - 2, x + 2:x + 2 + row_height] = colours[i]
        cv2.putText(strip, name, (x + row_height + 6, y + row_height - 5), _FONT, 0.4,
                    (0, 0, 0), 1, cv2.LINE_AA)
    return strip


def compose(frame: np.ndarray, label_maps, names, opacity: float = 0.5,
            legend: np.ndarray = None) -> np.ndarray:
    """Original frame next to one overlay per model (titled), legend strip below."""
    panels = [_title(frame.copy(), 'input')]
    panels += [_title(overlay(frame, labels, opacity), name)
               for labels, name in zip(label_maps, names)]
    row = np.concatenate(panels, axis=1)
    if legend is None:
        return row
    if legend.shape[1] != row.shape[1]:
        raise ValueError(f'legend width {legend.shape[1]} != panels width {row.shape[1]}')
    return np.concatenate([row, legend], axis=0)


def colour_only(frame: np.ndarray, label_maps, palette=CITYSCAPES_PALETTE) -> np.ndarray:
    """The one model's colour segmentation alone (opacity 1, no input, no legend)."""
    if len(label_maps) != 1:
        raise ValueError(f'the colour layout shows one model, got {len(label_maps)}')
    return colorize(label_maps[0], palette)


def two_panel(frame: np.ndarray, label_maps, palette=CITYSCAPES_PALETTE) -> np.ndarray:
    """``original | model`` (one model) or ``model A | model B`` (two models), colour
    segmentations at opacity 1, no titles or legend (report 001's Fig. 3 and Fig. 4)."""
    if len(label_maps) not in (1, 2):
        raise ValueError(f'the pair layout shows one or two models, got {len(label_maps)}')
    left = frame if len(label_maps) == 1 else colorize(label_maps[0], palette)
    return np.concatenate([left, colorize(label_maps[-1], palette)], axis=1)


def stack_rows(rows, gap: int = 8) -> np.ndarray:
    """Same-width images one below the other, ``gap`` white pixels apart (a figure)."""
    if len({row.shape[1] for row in rows}) > 1:
        raise ValueError('figure rows differ in width')
    blank = np.full((gap, rows[0].shape[1], 3), 255, np.uint8)
    parts = [part for row in rows for part in (row, blank)][:-1]
    return np.concatenate(parts, axis=0)
