"""Report 000-B/000-C layouts: Faster R-CNN loss and periodic-mAP curves (placeholder 0 at
epoch 0), the per-class test table and bars; FCOS per-iteration losses, mAP per epoch and
the best epoch's per-class table beside R000's printout (cow, diningtable empty)."""
from custom_modules.apps.reports import build_report
from custom_modules.apps.reports.reference import R000_FCOS_AP, R000_FCOS_MAP
from tests.helpers.fake_runs import (
    fake_run,
    fake_test_log,
    read_rows,
    record_figures,
    signed,
    voc_class_metrics,
)

REF, DELTA = '(reference figure)', 'Δ'
FRCNN = 'faster-rcnn_r50-caffe-c4-roipool_frozen_1xb4-adam-15e_voc07'
FCOS = 'fcos_r50_fpn_gn-head-center-centeronreg-giou_1xb16-30e_voc0712'


def _frcnn_epochs():
    epochs = {e: {'train/epoch_loss': 3.0 - e / 10, 'val/loss': 3.5 - e / 20}
              for e in range(1, 16)}
    for e in (5, 10, 15):
        epochs[e]['pascal_voc_area/mAP'] = e / 50
    return epochs


def test_faster_rcnn_and_fcos_sections(tmp_path, monkeypatch):
    figures = record_figures(monkeypatch)
    fake_run(tmp_path / FRCNN, _frcnn_epochs(), test=voc_class_metrics('pascal_voc_area'))
    losses = [{'step': i, 'loss': 3.0 / i, 'loss_cls': 1.0 / i, 'loss_bbox': 1.5 / i,
               'loss_centerness': 0.5 / i} for i in range(1, 7)]
    fake_run(tmp_path / FCOS, {e: voc_class_metrics('pascal_voc_area', offset)
                               for e, offset in ((1, 0.0), (2, 0.125), (3, 0.0625))},
             iterations=losses)
    out = tmp_path / 'report'
    build_report('000', str(tmp_path), str(out))

    per_epoch = read_rows(out / '000-B_epochs.csv', 'epoch')
    assert list(per_epoch) == [str(e) for e in range(1, 16)]
    assert per_epoch['5']['val mAP'] == '0.100' and per_epoch['4']['val mAP'] == ''
    assert per_epoch['1']['train loss'] == '2.9000' and per_epoch['1']['valid loss'] == '3.4500'
    test = read_rows(out / '000-B_test_ap.csv', 'class')
    assert len(test) == 21 and list(test)[-1] == 'mAP'
    assert list(test['cow']) == ['class', 'gts', 'dets', 'recall', 'AP']  # no reference
    assert (test['cow']['gts'], test['cow']['dets'], test['cow']['AP']) == ('19', '48', '0.430')
    assert test['mAP']['AP'] == f'{0.25 + 19 / 100:.3f}' and test['mAP']['gts'] == ''
    assert figures['000-B: train/valid loss'] == [
        {'x': [list(range(1, 16))] * 2, 'colors': ['C0', 'C0'], 'bars': 0}]
    val_map, = figures['000-B: mAP on VOC2007 val (epoch 0: placeholder 0)']
    assert val_map['x'] == [[0, 5, 10, 15]]
    assert figures['000-B: per-class AP on VOC2007 test'][0]['bars'] == 1

    assert [p['x'] for p in figures['000-C: FCOS training losses per iteration']] == [
        [list(range(1, 7))]] * 3
    assert figures['000-C: mAP per epoch (VOC2007 test)'][0]['x'] == [[1, 2, 3]]
    best = read_rows(out / '000-C_best_ap.csv', 'class')
    assert set(best['aeroplane']) == {'class', 'gts', 'dets', 'recall', 'AP', f'AP {REF}',
                                      f'AP {DELTA}'}
    reference = R000_FCOS_AP['bird'].value
    assert best['bird']['AP'] == f'{0.25 + 2 / 50 + 0.125:.3f}'
    assert best['bird'][f'AP {REF}'] == f'{reference:.3f}'
    assert best['bird'][f'AP {DELTA}'] == signed(0.25 + 2 / 50 + 0.125 - reference, 3)
    assert best['cow'][f'AP {REF}'] == best['diningtable'][f'AP {REF}'] == ''
    assert best['cow']['AP'] == f'{0.25 + 9 / 50 + 0.125:.3f}'
    assert best['mAP'][f'AP {REF}'] == f'{R000_FCOS_MAP.value:.3f}'
    assert figures['000-C: per-class AP of the best epoch (2)'][0]['bars'] == 2
    report = (out / 'report.md').read_text()
    assert "report='000-B'" not in report.split('Runs not found')[1].split('\n')[0]
    assert 'R000 FCOS, 使用最优的模型测试mAP' in report
    assert {p.name for p in (out / 'curves').iterdir()} == {
        '000-B_loss.png', '000-B_val_map.png', '000-B_test_ap.png', '000-C_losses.png',
        '000-C_map.png', '000-C_best_ap.png'}


def test_faster_rcnn_test_table_from_a_tools_test_run(tmp_path):
    """A run trained with tools/train.py and tested with tools/test.py (no test_metrics.json):
    the table reads the test's log in the work dir and names the tested checkpoint."""
    run = fake_run(tmp_path / FRCNN, _frcnn_epochs())
    fake_test_log(run, voc_class_metrics('pascal_voc_area', offset=0.125),
                  run / 'best_val_loss.pth')
    out = tmp_path / 'report'
    build_report('000', str(tmp_path), str(out))

    test = read_rows(out / '000-B_test_ap.csv', 'class')
    assert test['bird']['AP'] == f'{0.25 + 2 / 50 + 0.125:.3f}'
    assert test['cow']['gts'] == '19' and len(test) == 21
    assert 'best_val_loss.pth' in (out / '000-B_test_ap.md').read_text()


def test_detection_runs_missing(tmp_path):
    fake_run(tmp_path / FCOS, iterations=[{'step': 1, 'loss': 2.0, 'loss_cls': 1.0}])
    out = tmp_path / 'report'
    build_report('000', str(tmp_path), str(out))  # no epochs, no test: curves only
    assert {p.name for p in (out / 'curves').iterdir()} == {'000-C_losses.png'}
    assert not (out / '000-C_best_ap.csv').exists() and not (out / '000-B_epochs.csv').exists()
    assert "report='000-B'" in (out / 'report.md').read_text()  # listed as not found
