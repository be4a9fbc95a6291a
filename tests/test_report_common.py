"""The report layouts' shared parts: value / reference figure / difference cells, the
legend naming the sources, the reference figures' units and the run names they cover."""
import pytest

from custom_modules.apps.reports import common, reference, report003
from custom_modules.apps.reports.common import Compared, Layout, expand_columns, table_cells
from custom_modules.apps.reports.reference import Figure
from custom_modules.errors import UserInputError


def test_cells_give_value_reference_and_difference():
    row = {'model': 'a', 'epoch': 7, 'acc': Compared(61.25, Figure(0.5, 'R9 table', 100.0)),
           'loss': Compared(0.5, Figure(0.75, 'R9 log')), 'top5': Compared(None, None)}
    cells, sources = table_cells(row, digits={'loss': 4})
    assert cells == {'model': 'a', 'epoch': '7',
                     'acc': '61.25', 'acc (reference figure)': '50.00', 'acc Δ': '+11.25',
                     'loss': '0.5000', 'loss (reference figure)': '0.7500', 'loss Δ': '-0.2500',
                     'top5': '', 'top5 (reference figure)': '', 'top5 Δ': ''}
    assert sources == {'R9 table', 'R9 log'}
    assert expand_columns(['model', 'acc'], ['acc']) == [
        'model', 'acc', 'acc (reference figure)', 'acc Δ']


def test_table_legend_names_the_sources(tmp_path):
    layout = Layout('9', 'Report 9', str(tmp_path), str(tmp_path / 'out'))
    md = layout.table('t', 'T', [{'m': 'a', 'acc': Compared(1.0, Figure(2.0, 'R9 表 1'))}],
                      ['m', 'acc'], note='Test set.')
    header, _, line, *legend = md.splitlines()
    assert header == '| m | acc | acc (reference figure) | acc Δ |'
    assert line == '| a | 1.00 | 2.00 | -1.00 |'
    assert 'Test set.' in legend and any('source: R9 表 1' in text for text in legend)
    with pytest.raises(UserInputError, match='no run of report 9 in'):
        layout.finish('x')


def test_reference_units_and_coverage():
    assert Figure(0.811, 's', 100.0).converted == pytest.approx(81.1)
    assert len(reference.R004_ABLATION) == 8 and len(reference.R000_TOP1_ERROR) == 12
    assert len(reference.R000_MIXUP_ALPHA) == len(reference.R000_CUTMIX_ALPHA) == 9
    assert set(reference.R003_LOGS) == set(report003.RUNS)
    for lines in reference.R003_LOGS.values():
        for line in lines:  # accuracies printed as fractions, shown in %
            assert line.test_accuracy.scale == line.train_accuracy.scale == 100.0
            assert line.loss.scale == 1.0 and f'epoch {line.epoch}' in line.loss.source
    assert common.REF == '(reference figure)'


def test_detection_reference_figures_cover_the_printed_classes():
    from custom_modules.apps.reports.det_common import VOC_CLASSES
    assert set(VOC_CLASSES) - set(reference.R000_FCOS_AP) == {'cow', 'diningtable'}
    assert set(reference.R002_FRCNN_TABLE) == {
        (name, column) for name in VOC_CLASSES for column in ('gts', 'dets', 'recall', 'AP')}
    figures = [*reference.R000_FCOS_AP.values(), *reference.R002_FRCNN_TABLE.values(),
               reference.R000_FCOS_MAP, *reference.R002_FRCNN_BEST.values(),
               *reference.R002_YOLO_BEST.values()]
    assert all(f.scale == 1.0 for f in figures)  # APs stay fractions, as printed


def test_no_two_configs_of_a_report_share_their_experiment_metadata():
    """The layouts find runs by ``report`` + ``backbone`` + ``method`` (+ ``run`` for two runs
    of one recipe, report 003's R1/R2): each combination names one config of the
    repository (bases merged, as the Runner saves it)."""
    import glob
    import os.path as osp

    from tests.helpers.configs import REPO
    from tests.helpers.fake_runs import repo_experiment
    seen = {}
    for path in sorted(glob.glob(osp.join(REPO, 'configs', '**', '*.py'), recursive=True)):
        if '_base_' in path:
            continue
        meta = repo_experiment(osp.splitext(osp.basename(path))[0])
        if meta.get('report'):
            key = (meta['report'], meta.get('backbone'), meta.get('method'), meta.get('run'))
            seen.setdefault(key, []).append(osp.relpath(path, REPO))
    assert len(seen) >= 50
    assert not {key: paths for key, paths in seen.items() if len(paths) > 1}
