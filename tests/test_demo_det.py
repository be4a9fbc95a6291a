"""tools/demo_det.py runs the whole detection demo (data, train, test, report) on a tiny setting."""
import importlib.util
import os

from tests.helpers.configs import REPO


def _demo_det():
    spec = importlib.util.spec_from_file_location('demo_det', os.path.join(REPO, 'tools', 'demo_det.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_demo_det_writes_its_outputs(tmp_path, capsys):
    """Data generation and reporting run in this process; training and testing as subprocesses."""
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
    if os.path.isfile(os.path.join(REPO, 'tools', 'vis_proposals.py')):
        assert len(list((work / 'proposals').glob('*.png'))) == 4
    else:
        assert 'tools/vis_proposals.py is not in this checkout' in stdout


