"""Real photographs that installed packages ship: images "outside VOC" for detection figures.

The seed reports show detections on a few non-VOC photographs they do not
publish. Without a download, the photographs that this repo's dependencies
carry stand in for them (found through the packages' install folders, without
importing the packages):

* ``china.jpg`` (640 x 427, a temple in China) and ``flower.jpg`` (640 x 427, a
  flower), scikit-learn's ``sklearn/datasets/images`` (``load_sample_images``);
* ``grace_hopper.jpg`` (512 x 600, a portrait of Grace Hopper), matplotlib's
  ``mpl-data/sample_data``.
"""
import importlib.util
import os.path as osp
from typing import List

from custom_modules.errors import UserInputError

# name -> (package, path inside the package's folder)
SAMPLE_PHOTOS = {
    'china': ('sklearn', 'datasets/images/china.jpg'),
    'flower': ('sklearn', 'datasets/images/flower.jpg'),
    'grace_hopper': ('matplotlib', 'mpl-data/sample_data/grace_hopper.jpg'),
}


def sample_photo(name: str) -> str:
    """Path of the shipped photograph ``name`` (a key of ``SAMPLE_PHOTOS``)."""
    package, inside = SAMPLE_PHOTOS[name]
    spec = importlib.util.find_spec(package)
    path = osp.join(osp.dirname(spec.origin), inside) if spec and spec.origin else None
    if not path or not osp.isfile(path):
        raise UserInputError(f'sample photo {name!r} not found: {package} is not installed '
                             f'or has no {inside}; give image files with --images')
    return path


def sample_photos() -> List[str]:
    """Paths of all shipped photographs, in ``SAMPLE_PHOTOS`` order."""
    return [sample_photo(name) for name in SAMPLE_PHOTOS]
