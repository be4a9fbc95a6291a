"""Read every file a config's datasets list, each once, and name the unreadable ones.

mmpretrain's ``tools/misc/verify_dataset.py`` builds one split's dataset
without its pipeline and loads each item with ``LoadImageFromFile``. This
does the same for classification, detection and segmentation configs (each
``data_info``'s ``img_path``, and mmseg's ``seg_map_path``), for several
splits at once (datasets shared by splits built once, files read once), and
decodes with PIL, whose ``Image.load()`` fails on a truncated file that
OpenCV would decode with a grey tail. A segmentation map whose size differs
from its image's is reported too.
"""
import copy
import sys
from importlib import import_module
from typing import Dict, List, Optional, Sequence, Tuple

from mmengine.registry import DefaultScope
from mmengine.utils import ProgressBar

from custom_modules.errors import ConfigError, DataError
from custom_modules.plugins.datasets.image_files import read_image

from ..run.config import load_config

PHASES = ('train', 'val', 'test')
PROGRESS_FROM = 200  # files; fewer are read in a moment


def _without_pipelines(dataset_cfg) -> dict:
    """A copy of ``dataset_cfg`` whose pipelines, wrapped datasets' included, are empty."""
    dataset_cfg = copy.deepcopy(dataset_cfg)
    todo = [dataset_cfg]
    while todo:
        node = todo.pop()
        if 'pipeline' in node:
            node['pipeline'] = []
        todo += [node['dataset']] if isinstance(node.get('dataset'), dict) else []
        todo += [d for d in node.get('datasets') or [] if isinstance(d, dict)]
    return dataset_cfg


def _leaves(dataset) -> list:
    """The datasets holding ``data_info``s inside wrappers (Concat, Repeat, ...)."""
    inner = getattr(dataset, 'datasets', None)
    if inner is None and hasattr(dataset, 'dataset'):
        inner = [dataset.dataset]
    return [dataset] if inner is None else [leaf for d in inner for leaf in _leaves(d)]


def listed_files(cfg, phases: Sequence[str]) -> Tuple[Dict[str, Optional[str]], List[str]]:
    """``{path: its image's path for a segmentation map, else None}`` of the ``phases``'
    datasets (built without pipelines), and the types of datasets that list no files."""
    scope = cfg.get('default_scope') or 'mmpretrain'
    registry = import_module(f'{scope}.registry').DATASETS
    built, files, without_files = [], {}, []
    with DefaultScope.overwrite_default_scope(scope):
        for phase in phases:
            dataset_cfg = _without_pipelines(cfg[f'{phase}_dataloader']['dataset'])
            if dataset_cfg in built:  # test_dataloader = val_dataloader
                continue
            built.append(dataset_cfg)
            for leaf in _leaves(registry.build(dataset_cfg)):
                listed = False
                for index in range(len(leaf)):
                    info = leaf.get_data_info(index)
                    image, seg_map = info.get('img_path'), info.get('seg_map_path')
                    if image:
                        files.setdefault(str(image), None)
                    if seg_map:
                        files.setdefault(str(seg_map), str(image) if image else None)
                    listed = listed or bool(image or seg_map)
                if not listed and type(leaf).__name__ not in without_files:
                    without_files.append(type(leaf).__name__)
    return files, without_files


def unreadable(files: Dict[str, Optional[str]]) -> List[Tuple[str, str]]:
    """``[(path, reason)]`` of the ``files`` (from :func:`listed_files`) that cannot be read;
    a progress bar on stderr for many files."""
    sizes, bad = {}, []
    bar = ProgressBar(len(files), file=sys.stderr) if len(files) >= PROGRESS_FROM else None
    for path, image in files.items():
        reason, sizes[path] = read_image(path)
        if reason is None and sizes.get(image) and sizes[path] != sizes[image]:
            reason = ('size {}x{} differs from its image\'s {}x{} ({})'
                      .format(*sizes[path], *sizes[image], image))
        if reason:
            bad.append((path, reason))
        if bar:
            bar.update()
    if bar:
        sys.stderr.write('\n')
    return bad


def _phases(cfg, config: str, phases: Optional[Sequence[str]]) -> List[str]:
    """The requested phases (default: every one the config has a dataset for)."""
    present = [p for p in PHASES if (cfg.get(f'{p}_dataloader') or {}).get('dataset')]
    if not phases:
        if not present:
            raise ConfigError(f'{config} has no train/val/test_dataloader with a dataset')
        return present
    missing = [p for p in phases if p not in present]
    if missing:
        raise ConfigError(f'{config} has no {missing[0]}_dataloader with a dataset '
                          f'(it has: {", ".join(present) or "none"})')
    return list(dict.fromkeys(phases))


def verify(config: str, cfg_options: dict = None, phases: Sequence[str] = None) -> None:
    """Print each unreadable file with the reason and a summary line; a :class:`DataError`
    naming the count and the first unreadable file if there is one."""
    cfg = load_config(config, cfg_options)
    phases = _phases(cfg, config, phases)
    files, without_files = listed_files(cfg, phases)
    datasets = f'the {"/".join(phases)} datasets of {config}'
    if not files:
        print(f'{datasets} list no files to read ({", ".join(without_files)}: data loaded, '
              'and checked, when the dataset is built)')
        return
    bad = unreadable(files)
    for path, reason in bad:
        print(f'{path}: {reason}')
    if not bad:
        print(f'all {len(files)} files of {datasets} are readable')
        return
    print(f'{len(bad)} of {len(files)} files of {datasets} cannot be read')
    path, reason = bad[0]
    raise DataError(f'{len(bad)} of {len(files)} files cannot be read; the first is {path} '
                    f'({reason}): replace the file or take it out of the dataset')
