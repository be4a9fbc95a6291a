"""Report 002-B/002-C layouts: Faster R-CNN's best-epoch per-class table (gts, dets,
recall, ap) beside R002's, both models' best epoch and mAP beside the reference figures,
the mAP curves (every epoch / every 2 epochs) and the total loss per logged iteration."""
from custom_modules.apps.reports import build_report
from custom_modules.apps.reports.reference import R002_FRCNN_BEST, R002_FRCNN_TABLE, R002_YOLO_BEST
from tests.helpers.fake_runs import fake_run, read_rows, record_figures, signed, voc_class_metrics

REF, DELTA = '(reference figure)', 'Δ'
FRCNN = 'faster-rcnn_r50_fpn_4xb8-rep3-step3-7e_voc0712'
YOLO = 'yolov3_d53_4xb5-ms-320-608-rep3-30e_voc0712'


def test_best_epoch_tables_and_curves(tmp_path, monkeypatch):
    figures = record_figures(monkeypatch)
    losses = [{'step': i * 50, 'loss': 2.0 / i} for i in range(1, 5)]
    fake_run(tmp_path / FRCNN, {e: voc_class_metrics('pascal_voc', offset)
                                for e, offset in ((1, 0.0), (2, 0.125), (3, 0.0625))},
             iterations=losses)
    fake_run(tmp_path / YOLO, {2: {'pascal_voc/mAP': 0.25}, 4: {'pascal_voc/mAP': 0.375},
                               6: {'pascal_voc/mAP': 0.3125}}, iterations=losses)
    out = tmp_path / 'report'
    build_report('002', str(tmp_path), str(out))

    best = read_rows(out / '002_best.csv', 'model')
    frcnn, yolo = best['Faster R-CNN (002-B)'], best['YOLOv3 (002-C)']
    assert (frcnn['best epoch'], frcnn[f'best epoch {REF}']) == ('2', '4')
    assert frcnn[f'best epoch {DELTA}'] == '-2' and frcnn['epochs run'] == '3'
    assert frcnn[f'mAP {REF}'] == f'{R002_FRCNN_BEST["mAP"].value:.3f}'
    assert (yolo['best epoch'], yolo['mAP']) == ('4', '0.375')
    assert yolo[f'mAP {DELTA}'] == signed(0.375 - R002_YOLO_BEST['mAP'].value, 3)

    table = read_rows(out / '002-B_best_classes.csv', 'class')
    assert len(table) == 21
    for column in ('gts', 'dets', 'recall', 'AP'):
        assert {column, f'{column} {REF}', f'{column} {DELTA}'} <= set(table['boat'])
    boat = table['boat']  # class index 3, best epoch 2 (offset 0.125)
    assert (boat['gts'], boat['dets'], boat['recall'], boat['AP']) == (
        '13', '36', f'{0.53 + 0.125:.3f}', f'{0.31 + 0.125:.3f}')
    assert boat[f'gts {REF}'] == f'{R002_FRCNN_TABLE[("boat", "gts")].value:.0f}'
    assert boat[f'gts {DELTA}'] == signed(13 - R002_FRCNN_TABLE[('boat', 'gts')].value, 0)
    assert boat[f'recall {REF}'] == f'{R002_FRCNN_TABLE[("boat", "recall")].value:.3f}'
    assert table['mAP'][f'AP {REF}'] == f'{R002_FRCNN_BEST["mAP"].value:.3f}'
    assert table['mAP']['gts'] == ''

    assert figures['Fig. 2.1: Faster R-CNN (002-B) mAP curve'][0]['x'] == [[1, 2, 3]]
    assert figures['Fig. 2.11: YOLOv3 (002-C) mAP curve'][0]['x'] == [[2, 4, 6]]
    for name in ('Fig. 2.2: Faster R-CNN (002-B) loss curve',
                 'Fig. 2.12: YOLOv3 (002-C) loss curve'):
        assert figures[name][0]['x'] == [[50, 100, 150, 200]]
    assert figures['002-B: Faster R-CNN per-class table, best epoch (2)'][0]['bars'] == 2
    assert 'R002 §3.2 table (best test result)' in (out / 'report.md').read_text()


def test_yolo_alone(tmp_path):
    fake_run(tmp_path / YOLO, {2: {'pascal_voc/mAP': 0.25}})
    out = tmp_path / 'report'
    build_report('002', str(tmp_path), str(out))
    best = read_rows(out / '002_best.csv', 'model')
    assert best['Faster R-CNN (002-B)']['mAP'] == '' and best['YOLOv3 (002-C)']['mAP'] == '0.250'
    assert best['Faster R-CNN (002-B)'][f'mAP {REF}']  # the reference figure still shown
    assert not (out / '002-B_best_classes.csv').exists()
