"""tools/vis_augment.py draws raw / Mixup / Cutout / CutMix panels of the same images: from a
config's validation split, or from photos with report 000's settings (128 px, pairs
(1,2), (2,3), (3,1), alpha 0.5, Cutout side 32)."""
import os.path as osp

import matplotlib
import numpy as np
import pytest
import sklearn
from PIL import Image

from tests.helpers.cifar_data import make_cifar100
from tests.helpers.configs import REPO, run_cli, run_script, write_config

# real photographs shipped inside installed packages
PHOTOS = [osp.join(osp.dirname(sklearn.__file__), 'datasets', 'images', 'china.jpg'),
          osp.join(osp.dirname(sklearn.__file__), 'datasets', 'images', 'flower.jpg'),
          osp.join(matplotlib.get_data_path(), 'sample_data', 'grace_hopper.jpg')]
NAMES = ['china', 'flower', 'grace_hopper']


def test_grid_png_has_one_column_per_augmentation(tmp_path):
    make_cifar100(tmp_path / 'data', per_class_train=5)
    base = f'{REPO}/configs/cifar100/resnet18_1xb128_cifar100.py'
    config = write_config(tmp_path / 'cfg.py', base,
                          val_dataloader=dict(dataset=dict(data_root=str(tmp_path / 'data'),
                                                           check_md5=False)))
    out = tmp_path / 'grid.png'
    result = run_script('tools/vis_augment.py', '--config', config, '--num', '3', '--out', str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    width, height = Image.open(out).size
    assert abs(width / height - 4 / 3) < 0.1  # 4 columns x 3 rows of square panels
    pixels = Image.open(out).convert('L')
    assert len(set(pixels.getdata())) > 50  # real content, not a blank figure


def _box_of(mask):
    """Bounding rows/cols of a boolean mask and whether the mask fills it."""
    rows, cols = np.flatnonzero(mask.any(1)), np.flatnonzero(mask.any(0))
    box = (slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1))
    return box, bool(mask[box].all())


def test_report000_photo_figure(tmp_path, capsys):
    out, panels = tmp_path / 'fig.png', tmp_path / 'panels'
    assert run_cli('tools/vis_augment.py', '--images', *PHOTOS, '--preset', 'report000',
                   '--out', out, '--panel-dir', panels) == 0
    width, height = Image.open(out).size
    assert abs(width / height - 4 / 3) < 0.1  # columns raw/mixup/cutout/cutmix x 3 photos

    def panel(name):
        image = Image.open(panels / f'{name}.png')
        assert image.size == (128, 128)
        return np.asarray(image).astype(int)

    for i, a in enumerate(NAMES):
        b = NAMES[(i + 1) % 3]  # pairs (1,2), (2,3), (3,1)
        raw, partner = panel(f'{a}_raw'), panel(f'{b}_raw')
        expected = np.asarray(Image.open(PHOTOS[i]).convert('RGB').resize((128, 128),
                                                                           Image.BICUBIC))
        assert (raw == expected).all()  # squashed to 128 x 128

        mixup = panel(f'{a}_mixup_{b}')  # floor(lam a + (1 - lam) b) for one lam
        diff = (raw - partner).ravel().astype(float)
        centred = mixup + 0.5  # floor() lowers by 0.5 on average
        lam = np.dot(centred.ravel() - partner.ravel(), diff) / np.dot(diff, diff)
        assert 0 <= lam <= 1
        assert np.abs(centred - (lam * raw + (1 - lam) * partner)).max() <= 0.75

        cutout = panel(f'{a}_cutout')  # one black square of side 32, clipped at the border
        box, filled = _box_of((cutout != raw).any(-1))
        assert filled and (cutout[box] == 0).all()
        assert (cutout[~_mask(box)] == raw[~_mask(box)]).all()
        for side, limit in ((box[0], 128), (box[1], 128)):
            length = side.stop - side.start
            assert length == 32 or (length < 32 and (side.start == 0 or side.stop == limit))

        cutmix = panel(f'{a}_cutmix_{b}')  # one box from the partner, the rest unchanged
        box, _ = _box_of((cutmix != raw).any(-1))
        assert (cutmix[box] == partner[box]).all()
        assert (cutmix[~_mask(box)] == raw[~_mask(box)]).all()
    assert 'wrote 12 panels' in capsys.readouterr().out


def _mask(box):
    mask = np.zeros((128, 128), bool)
    mask[box] = True
    return mask


@pytest.mark.parametrize('args,message', [
    (['--images', PHOTOS[0], 'missing.jpg'], 'missing.jpg does not exist'),
    (['--images', PHOTOS[0]], 'give at least two images to pair, got 1'),
    (['--preset', 'report000'], '--preset, --size and --panel-dir need --images'),
])
def test_bad_photo_arguments(tmp_path, capsys, args, message):
    assert run_cli('tools/vis_augment.py', *args, '--out', tmp_path / 'x.png') == 2
    err = capsys.readouterr().err
    assert err.count('error:') == 1 and message in err
    assert not (tmp_path / 'x.png').exists()

