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
    # the first 4 test images by id, each with a line saying how many shapes it shows found
    test_ids = (splits / 'test.txt').read_text().split()
    pictures = sorted(p.name for p in (work / 'proposals').glob('*.png'))
    assert pictures == [f'{i}.png' for i in test_ids[:4]]
    results = (work / 'results.md').read_text()
    assert 'proposals-vs-final pictures of the first 4 test images' in results
    for name in pictures:
        line = next(line for line in stdout.splitlines() if line.startswith(f'{name}: '))
        assert ' shapes found with the right class (IoU >= 0.5)' in line
        assert f'- {line}' in results


def test_count_found_needs_the_class_and_iou_half():
    """Invented boxes: a hit, a hit with the wrong class, a loose box, a duplicate."""
    from custom_modules.apps.demo.detection import count_found
    gt = [[0, 0, 20, 20], [40, 40, 60, 60], [80, 0, 100, 30]]
    names = ['circle', 'square', 'triangle']

    def dets(*items):
        return dict(boxes=[b for b, _, _ in items], labels=[n for _, n, _ in items],
                    scores=[s for _, _, s in items])

    exact = ([0, 0, 20, 20], 'circle', 0.9)
    assert count_found(gt, names, dets(exact)) == 1
    assert count_found(gt, names, dets(([40, 40, 60, 60], 'circle', 0.9))) == 0  # wrong class
    assert count_found(gt, names, dets(([40, 40, 60, 85], 'square', 0.9))) == 0  # IoU 4/9
    assert count_found(gt, names, dets(([40, 40, 60, 65], 'square', 0.9))) == 1  # IoU 0.8
    assert count_found(gt, names, dets(exact, exact, ([80, 0, 100, 30], 'triangle', 0.6))) == 2
    assert count_found(gt, names, dets()) == 0 and count_found([], [], dets(exact)) == 0
    # one detection claims one box: two touching circles, one box covering both
    pair = [[0, 0, 10, 10], [0, 0, 10, 11]]
    assert count_found(pair, ['circle', 'circle'], dets(([0, 0, 10, 10], 'circle', 0.5))) == 1


def test_ground_truth_leaves_difficult_objects_out(tmp_path):
    from custom_modules.apps.data.voc_writer import annotation_xml
    from custom_modules.apps.demo.detection import ground_truth
    xml = tmp_path / 'a.xml'
    xml.write_bytes(annotation_xml('a', 64, 64, [('square', (3, 4, 30, 40), False),
                                                  ('circle', (50, 50, 56, 56), True)]))
    boxes, names = ground_truth(str(xml))
    assert names == ['square'] and boxes.tolist() == [[3, 4, 30, 40]]


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


def test_data_is_regenerated_when_the_generator_or_settings_changed(tmp_path, monkeypatch):
    """Older data (another generator version, another seed) is rewritten; the same is kept."""
    from custom_modules.apps.data import shapes_voc
    from custom_modules.apps.demo import detection
    made = []

    def fake_make(root, train, test, seed):
        made.append(seed)
        return real_make(root, train, test, seed, progress=False)
    real_make = shapes_voc.make_dataset
    monkeypatch.setattr(detection, 'make_dataset', fake_make)
    assert detection.ensure_data(str(tmp_path), 3, 2, 0) == ['000004', '000005']
    assert detection.ensure_data(str(tmp_path), 3, 2, 0) and made == [0]
    detection.ensure_data(str(tmp_path), 3, 2, 1)
    assert made == [0, 1]
    monkeypatch.setattr(shapes_voc, 'GENERATOR_VERSION', shapes_voc.GENERATOR_VERSION + 1)
    detection.ensure_data(str(tmp_path), 3, 2, 1)
    assert made == [0, 1, 1]
