"""tools/report_det.py overlays runs' loss and VOC mAP curves and tabulates best/last mAP."""
import json
import os
import os.path as osp

import cv2

from tests.helpers.configs import run_cli
from tests.helpers.fake_runs import read_rows, record_figures


def _write_run(work_dir, maps, timestamp='20261122_120000'):
    """scalars.json as mmengine writes it for an mmdet run: train records per iteration,
    val per epoch."""
    folder = osp.join(work_dir, timestamp, 'vis_data')
    os.makedirs(folder)
    with open(osp.join(folder, 'scalars.json'), 'w') as f:
        for epoch, m in enumerate(maps, 1):
            for it in range(1, 3):
                step = (epoch - 1) * 2 + it
                f.write(json.dumps(dict(lr=0.01, loss=2.0 / step, loss_rpn_cls=0.5, loss_bbox=0.3,
                                        epoch=epoch, iter=step, step=step)) + '\n')
            f.write(json.dumps({'pascal_voc/mAP': m, 'pascal_voc/AP50': m,
                                'pascal_voc_area/mAP': m - 0.01, 'step': epoch}) + '\n')


def test_three_init_runs_in_one_png_and_table(tmp_path, capsys):
    runs = {'faster-rcnn_r50-init-random_x': [0.05, 0.10, 0.12],
            'faster-rcnn_r50-init-imagenet_x': [0.40, 0.55, 0.60],
            'faster-rcnn_r50-init-coco-mask-rcnn_x': [0.55, 0.70, 0.68]}
    for name, maps in runs.items():
        _write_run(tmp_path / name, maps)
    (tmp_path / 'other_run').mkdir()
    with open(tmp_path / 'faster-rcnn_r50-init-random_x' / 'test_metrics.json', 'w') as f:
        json.dump({'pascal_voc/mAP': 0.11, 'method': 'random init'}, f)
    code = run_cli('tools/report_det.py', '--work-root', tmp_path,
                   '--match', 'faster-rcnn_r50-init-*', '--out', tmp_path / 'report')
    assert code == 0, capsys.readouterr().err
    png = str(tmp_path / 'report' / 'curves.png')
    assert f'written: {png}' in capsys.readouterr().out
    assert cv2.imread(png).shape[1] > 600
    table = open(tmp_path / 'report' / 'results.md').read()
    rows = {line.split('|')[1].strip(): [c.strip() for c in line.split('|')[2:-1]]
            for line in table.splitlines()[2:]}
    assert set(rows) == {'random init', 'faster-rcnn_r50-init-imagenet_x',
                         'faster-rcnn_r50-init-coco-mask-rcnn_x'}
    # columns: epochs, best/last pascal_voc, best/last pascal_voc_area, test
    assert rows['faster-rcnn_r50-init-coco-mask-rcnn_x'][:5] == ['3', '70.00', '68.00', '69.00',
                                                                 '67.00']
    assert rows['random init'][-1] == '11.00'


def test_no_runs_is_a_clear_error(tmp_path, capsys):
    code = run_cli('tools/report_det.py', '--work-root', tmp_path, '--match', 'nothing*')
    assert code == 2 and 'no training logs' in capsys.readouterr().err


def test_per_epoch_losses_give_a_second_figure(tmp_path, capsys, monkeypatch):
    """C4 runs (R001 Fig. 6): per-epoch training loss, validation loss logged in a record of
    its own (merged with the mAP of the same epoch) and mAP every 2 epochs."""
    figures = record_figures(monkeypatch)
    for name, gain in (('c4_init-random', 0.125), ('c4_init-imagenet', 0.25)):
        records = []
        for epoch in range(1, 5):
            records += [{'loss': 3.0 / epoch, 'step': epoch * 10},
                        {'train/epoch_loss': 3.0 / epoch, 'step': epoch}]
            if epoch % 2 == 0:
                records.append({'pascal_voc_area/mAP': gain * epoch, 'step': epoch})
            records.append({'val/loss': 4.0 / epoch, 'val/loss_rpn_cls': 0.5, 'step': epoch})
        folder = tmp_path / name / '20261122_120000' / 'vis_data'
        folder.mkdir(parents=True)
        (folder / 'scalars.json').write_text(''.join(json.dumps(r) + '\n' for r in records))
    (tmp_path / 'c4_init-imagenet' / 'test_metrics.json').write_text(
        json.dumps({'pascal_voc_area/mAP': 0.375}))
    code = run_cli('tools/report_det.py', '--work-root', tmp_path, '--match', 'c4_init-*',
                   '--metric', 'pascal_voc_area/mAP', '--out', tmp_path / 'report',
                   '--title', 'three inits')
    assert code == 0, capsys.readouterr().err
    assert (tmp_path / 'report' / 'epochs.png').is_file()
    panels = [p['x'] for p in figures['three inits: per epoch']]
    assert panels == [[[1, 2, 3, 4]] * 2, [[1, 2, 3, 4]] * 2, [[2, 4]] * 2]
    rows = read_rows(tmp_path / 'report' / 'results.csv', 'run')
    assert rows['c4_init-imagenet']['best pascal_voc_area'] == '100.0'
    assert rows['c4_init-random']['epochs'] == '2'
    assert rows['c4_init-imagenet']['test pascal_voc_area'] == '37.5'  # the mode it tested
    assert rows['c4_init-random']['test pascal_voc_area'] == ''
    assert 'test pascal_voc' not in rows['c4_init-random']
