"""tools/demo_det.py runs the whole detection demo (data, train, test, report) on a tiny setting."""
import os

from custom_modules.apps.launch import load_tool


def _demo_det():
    return load_tool('tools/demo_det.py')


def test_demo_det_writes_its_outputs(tmp_path, capsys):
    """Data generation, reporting and pictures run in this process; training and testing as subprocesses."""
    work = tmp_path / 'work'
    no_workers = [f'{loader}_dataloader.{key}'
                  for loader in ('train', 'val', 'test')
                  for key in ('num_workers=0', 'persistent_workers=False')]
    _demo_det().main(['--data-root', str(tmp_path / 'data'), '--work-dir', str(work),
                      '--train-images', '8', '--test-images', '4', '--epochs', '1',
                      '--min-map', '0', '--cfg-options', *no_workers])
    stdout = capsys.readouterr().out
    assert (tmp_path / 'data' / 'VOCdevkit' / 'VOC2007' / 'ImageSets' / 'Main' / 'test.txt').is_file()
    rows = [line for line in (work / 'results.md').read_text().splitlines()
            if line.startswith('| ')]
    assert rows[0] == '| class | gts | dets | recall | AP (11-point) | AP (area) |'
    assert [r.split(' | ')[0] for r in rows[1:]] == ['| circle', '| square', '| triangle', '| mAP']
    assert (work / 'results.csv').is_file() and (work / 'test_predictions.pkl').is_file()
    assert os.path.getsize(work / 'curves.png') > 1000
    assert 'test mAP (IoU 0.5)' in stdout
    assert len(list((work / 'proposals').glob('*.png'))) == 4
    assert 'proposals-vs-final pictures of 4 test images' in (work / 'results.md').read_text()


def test_per_class_ap_from_dumped_predictions(tmp_path):
    """One image: the circle found exactly, a square missed, a false triangle, a difficult one ignored."""
    import pickle

    import torch
    sample = dict(
        gt_instances=dict(bboxes=torch.tensor([[10., 10, 40, 40], [60, 60, 100, 100]]),
                          labels=torch.tensor([0, 1])),
        ignored_instances=dict(bboxes=torch.tensor([[0., 100, 8, 108]]), labels=torch.tensor([2])),
        pred_instances=dict(bboxes=torch.tensor([[10., 10, 40, 40], [0, 0, 20, 20],
                                                 [0, 100, 8, 108]]),
                            scores=torch.tensor([0.9, 0.8, 0.7]), labels=torch.tensor([0, 2, 2])))
    path = tmp_path / 'preds.pkl'
    path.write_bytes(pickle.dumps([sample]))
    rows, map11, map_area = _demo_det().per_class_ap(str(path), ('circle', 'square', 'triangle'))
    by_class = {r['class']: r for r in rows}
    assert by_class['circle']['AP (11-point)'] == '1.000' and by_class['circle']['gts'] == 1
    assert by_class['square']['AP (11-point)'] == '0.000' and by_class['square']['dets'] == 0
    # no (non-difficult) triangle: VOC leaves it out of the mean
    assert by_class['triangle']['gts'] == 0 and by_class['triangle']['dets'] == 2
    assert abs(map11 - 0.5) < 1e-6 and abs(map_area - 0.5) < 1e-6
