"""tools/demo_det.py runs the whole detection demo (data, train, test, report) on a tiny
setting; its per-class table comes from the test metrics."""
import csv
import json
import os

from tests.helpers.configs import run_cli


def test_demo_det_writes_its_outputs(tmp_path, capsys):
    """Everything in this process: data, training, test, report and pictures."""
    work = tmp_path / 'work'
    no_workers = [f'{loader}_dataloader.{key}'
                  for loader in ('train', 'val', 'test')
                  for key in ('num_workers=0', 'persistent_workers=False')]
    code = run_cli('tools/demo_det.py', '--data-root', str(tmp_path / 'data'),
                   '--work-dir', str(work), '--train-images', '8', '--test-images', '4',
                   '--epochs', '1', '--min-map', '0', '--cfg-options', *no_workers)
    stdout = capsys.readouterr().out
    assert code == 0, stdout[-3000:]
    splits = tmp_path / 'data' / 'VOCdevkit' / 'VOC2007' / 'ImageSets' / 'Main'
    assert (splits / 'test.txt').is_file()
    rows = [line for line in (work / 'results.md').read_text().splitlines()
            if line.startswith('| ')]
    assert rows[0] == '| class | gts | dets | recall | AP (11-point) | AP (area) |'
    assert [r.split(' | ')[0] for r in rows[1:]] == ['| circle', '| square', '| triangle', '| mAP']
    # the table holds what the test run returned (test_metrics.json), not a recomputation
    metrics = json.loads((work / 'test_metrics.json').read_text())
    table = {r['class']: r for r in csv.DictReader(open(work / 'results.csv'))}
    assert table['mAP']['AP (11-point)'] == f'{metrics["pascal_voc/mAP"]:.3f}'
    assert table['mAP']['AP (area)'] == f'{metrics["pascal_voc_area/mAP"]:.3f}'
    assert table['circle']['gts'] == str(metrics['pascal_voc/gts_circle'])
    assert os.path.getsize(work / 'curves.png') > 1000
    assert 'test mAP (IoU 0.5)' in stdout
    assert len(list((work / 'proposals').glob('*.png'))) == 4
    assert 'proposals-vs-final pictures of 4 test images' in (work / 'results.md').read_text()


def test_per_class_rows_from_the_test_metrics():
    """One image: the circle found exactly, a square missed, a false triangle, a difficult
    one ignored."""
    from custom_modules.apps.demo.detection import class_rows
    from custom_modules.plugins.evaluation import VOCMetricWithTable
    from tests.helpers.voc_samples import det_sample, evaluate
    classes = ('circle', 'square', 'triangle')
    sample = det_sample(gt_boxes=[[10, 10, 40, 40], [60, 60, 100, 100]], gt_labels=[0, 1],
                        ignored_boxes=[[0, 100, 8, 108]], ignored_labels=[2],
                        pred_boxes=[[10, 10, 40, 40], [0, 0, 20, 20], [0, 100, 8, 108]],
                        pred_scores=[0.9, 0.8, 0.7], pred_labels=[0, 2, 2])
    metrics = {}
    for mode, prefix in (('11points', 'pascal_voc'), ('area', 'pascal_voc_area')):
        metric = VOCMetricWithTable(eval_mode=mode, prefix=prefix)
        metrics.update(evaluate(metric, classes, [sample]))
    rows = class_rows(metrics, classes)
    by_class = {r['class']: r for r in rows}
    assert by_class['circle']['AP (11-point)'] == '1.000' and by_class['circle']['gts'] == 1
    assert by_class['square']['AP (11-point)'] == '0.000' and by_class['square']['dets'] == 0
    # no (non-difficult) triangle: VOC leaves it out of the mean
    assert by_class['triangle']['gts'] == 0 and by_class['triangle']['dets'] == 2
    map11, map_area = metrics['pascal_voc/mAP'], metrics['pascal_voc_area/mAP']
    assert abs(map11 - 0.5) < 1e-6 and abs(map_area - 0.5) < 1e-6
    assert by_class['mAP']['AP (11-point)'] == '0.500' and by_class['mAP']['gts'] == 2
