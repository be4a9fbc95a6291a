"""Overlay, legend and composition draw mmseg's RGB palette as the right BGR pixels."""
import numpy as np
import pytest

from custom_modules.apps.video.overlay import (
    CITYSCAPES_CLASSES,
    CITYSCAPES_PALETTE,
    colorize,
    colour_only,
    compose,
    draw_legend,
    legend_swatch_boxes,
    overlay,
    stack_rows,
    two_panel,
)


def test_palette_is_cityscapes_in_rgb():
    assert len(CITYSCAPES_CLASSES) == len(CITYSCAPES_PALETTE) == 19
    assert CITYSCAPES_CLASSES[0] == 'road' and CITYSCAPES_PALETTE[0] == (128, 64, 128)
    assert CITYSCAPES_CLASSES[13] == 'car' and CITYSCAPES_PALETTE[13] == (0, 0, 142)


def test_colorize_writes_bgr_per_class_and_black_for_ignored():
    labels = np.array([[13, 10], [255, 11]], np.uint8)  # car, sky / ignore, person
    image = colorize(labels)
    assert image[0, 0].tolist() == [142, 0, 0]          # car: RGB (0, 0, 142)
    assert image[0, 1].tolist() == [180, 130, 70]       # sky: RGB (70, 130, 180)
    assert image[1, 1].tolist() == [60, 20, 220]        # person: RGB (220, 20, 60)
    assert image[1, 0].tolist() == [0, 0, 0]


def test_overlay_blends_with_opacity():
    frame = np.full((2, 3, 3), 100, np.uint8)
    labels = np.full((2, 3), 13, np.uint8)
    assert overlay(frame, labels, 1.0)[0, 0].tolist() == [142, 0, 0]
    assert overlay(frame, labels, 0.0)[0, 0].tolist() == [100, 100, 100]
    assert overlay(frame, labels, 0.5)[0, 0].tolist() == [121, 50, 50]
    with pytest.raises(ValueError, match='opacity'):
        overlay(frame, labels, 1.5)
    with pytest.raises(ValueError, match='does not match'):
        overlay(frame, labels[:1], 0.5)


def test_legend_swatches_show_each_class_colour_in_bgr():
    width, row = 768, 18
    legend = draw_legend(width, row_height=row)
    rows, cols, cell = legend_swatch_boxes(width, 19, row)
    assert legend.shape == (rows * row, width, 3)
    for i, rgb in enumerate(CITYSCAPES_PALETTE):
        y, x = (i // cols) * row + row // 2, (i % cols) * cell + 2 + row // 2
        assert legend[y, x].tolist() == list(rgb[::-1]), CITYSCAPES_CLASSES[i]


def test_compose_puts_panels_side_by_side_with_legend_below():
    frame = np.full((40, 60, 3), 90, np.uint8)
    maps = [np.zeros((40, 60), np.uint8), np.full((40, 60), 13, np.uint8)]
    legend = draw_legend(180)
    out = compose(frame, maps, ['a', 'b'], opacity=1.0, legend=legend)
    assert out.shape == (40 + legend.shape[0], 180, 3)
    assert out[30, 30].tolist() == [90, 90, 90]                 # input untouched
    assert out[30, 90].tolist() == [128, 64, 128]               # road panel
    assert out[30, 150].tolist() == [142, 0, 0]                 # car panel
    assert (out[40:] == legend).all()


def test_colour_only_and_two_panel_layouts():
    frame = np.full((4, 6, 3), 90, np.uint8)
    road, car = np.zeros((4, 6), np.uint8), np.full((4, 6), 13, np.uint8)
    assert (colour_only(frame, [car]) == (142, 0, 0)).all()
    with pytest.raises(ValueError, match='one model'):
        colour_only(frame, [car, road])
    pair = two_panel(frame, [car])                      # original | model
    assert pair.shape == (4, 12, 3) and (pair[:, :6] == 90).all()
    assert (pair[:, 6:] == (142, 0, 0)).all()
    pair = two_panel(frame, [road, car])                # model A | model B
    assert (pair[:, :6] == (128, 64, 128)).all() and (pair[:, 6:] == (142, 0, 0)).all()
    with pytest.raises(ValueError, match='one or two'):
        two_panel(frame, [road, car, car])


def test_stack_rows_puts_white_gaps_between_rows():
    rows = [np.full((3, 5, 3), v, np.uint8) for v in (10, 20)]
    figure = stack_rows(rows, gap=2)
    assert figure.shape == (8, 5, 3)
    assert (figure[:3] == 10).all() and (figure[3:5] == 255).all() and (figure[5:] == 20).all()
    with pytest.raises(ValueError, match='width'):
        stack_rows([rows[0], np.zeros((3, 4, 3), np.uint8)])
