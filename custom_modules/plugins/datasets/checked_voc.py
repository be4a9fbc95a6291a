"""mmdet's ``VOCDataset`` with clear errors for broken VOCdevkit files.

mmdet skips objects whose class name it does not know (a typo in a
hand-made annotation silently loses boxes), fails on malformed XML with a
bare ``ParseError`` and on a missing image only when the loader reaches it,
reads an empty split file as an empty dataset and takes any box as it is
(outside the image, zero-area or inverted). This subclass raises
:class:`DataError` naming the file (and the object) at load time; boxes
that leave the image by one pixel, a common off-by-one of annotation tools,
are clipped and counted in one warning. Names of the 20 VOC classes outside
a configured subset are still skipped, as in mmdet. With classes of its own
(not VOC's 20) it is not reported as VOC2007/VOC2012, so VOCMetric's
per-class table prints its class names instead of VOC's. With
``drop_difficult=True`` objects marked difficult are deleted instead of loaded
as ignored instances (the original code of reports 000/001 did that: its
detectors neither train on them nor have them in the evaluation ground truth,
so detections on them count as false positives).
"""
import logging
import os.path as osp
import xml.etree.ElementTree as ET

from mmdet.datasets import VOCDataset
from mmdet.registry import DATASETS
from mmengine.fileio import list_from_file
from mmengine.logging import print_log

from custom_modules.errors import DataError

CORNERS = ('xmin', 'ymin', 'xmax', 'ymax')


def _is_local(path: str) -> bool:
    return '://' not in str(path)


def _image_size(root: ET.Element, xml_path: str):
    """``(width, height)`` from ``<size>``, or None without one (mmdet then reads the image)."""
    size = root.find('size')
    if size is None:
        return None
    try:
        width, height = int(size.findtext('width')), int(size.findtext('height'))
    except (TypeError, ValueError):
        raise DataError(f'annotation {xml_path} is malformed: <size> needs integer <width> '
                        'and <height>') from None
    if width <= 0 or height <= 0:
        raise DataError(f'annotation {xml_path}: <size> says {width}x{height} pixels; '
                        "write the image's width and height")
    return width, height


def clip_boxes(root: ET.Element, xml_path: str) -> int:
    """Check every object's box; clip those leaving the image by at most one pixel (in place).

    Decided on the values as written: VOC boxes are 1-based inclusive pixel indices,
    ``1 <= xmin <= xmax <= width`` (likewise y with the height of ``<size>``). mmdet
    subtracts 1 from all four values and takes ``xmax - xmin`` as the box width, so
    ``xmin == xmax`` (or ``ymin == ymax``) is a zero-area box to the model and is refused
    like an inverted one. A value of 0 or ``width + 1`` is clipped to 1 or ``width``;
    anything further out is refused. Without ``<size>`` only the shape is checked.
    Returns how many boxes were clipped; raises :class:`DataError` naming the file and the
    object (0-based index and class name) otherwise.
    """
    size = _image_size(root, xml_path)
    clipped = 0
    for index, obj in enumerate(root.findall('object')):
        where = f'annotation {xml_path}: object {index} ({obj.findtext("name")!r})'
        box = obj.find('bndbox')
        try:
            values = [float(box.findtext(corner)) for corner in CORNERS]
        except (AttributeError, TypeError, ValueError):
            raise DataError(f'annotation {xml_path} is malformed: object {index} '
                            f'({obj.findtext("name")!r}) needs a <bndbox> with numeric '
                            '<xmin>, <ymin>, <xmax> and <ymax>') from None
        written = ', '.join(f'{c}={box.findtext(c).strip()}' for c in CORNERS)
        xmin, ymin, xmax, ymax = values
        if xmin > xmax or ymin > ymax:
            raise DataError(f'{where}: box ({written}) is inverted '
                            f'({"xmin > xmax" if xmin > xmax else "ymin > ymax"}); '
                            'swap the corners')
        if xmin == xmax or ymin == ymax:
            raise DataError(f'{where}: box ({written}) has zero area; mmdet needs '
                            'xmax > xmin and ymax > ymin: fix or delete the object')
        if size is None:
            continue
        width, height = size
        inside = [min(max(v, 1), limit) for v, limit in zip(values, (width, height) * 2)]
        if any(abs(new - old) > 1 for new, old in zip(inside, values)):
            raise DataError(f'{where}: box ({written}) leaves the {width}x{height} image of '
                            '<size> by more than one pixel (VOC boxes are 1-based: '
                            f'1 <= x <= {width}, 1 <= y <= {height}); fix the box or <size>')
        if inside == values:
            continue
        if inside[0] == inside[2] or inside[1] == inside[3]:
            raise DataError(f'{where}: box ({written}) has zero area inside the '
                            f'{width}x{height} image; fix or delete the object')
        for corner, new, old in zip(CORNERS, inside, values):
            if new != old:
                box.find(corner).text = str(int(new))
        clipped += 1
    return clipped


def is_difficult(obj: ET.Element) -> bool:
    """mmdet's reading of ``<difficult>``: an integer, missing = 0."""
    return bool(int(obj.findtext('difficult') or 0))


@DATASETS.register_module()
class CheckedVOCDataset(VOCDataset):
    """mmdet's ``VOCDataset`` that validates the split file, each XML and each image.

    Args:
        drop_difficult (bool): Delete objects with ``<difficult>1</difficult>`` from the
            annotations (training and evaluation) instead of loading them as ignored
            instances (mmdet's default, kept with False). Defaults to False.
        **kwargs: ``VOCDataset``'s arguments (``data_root``, ``ann_file``,
            ``data_prefix``, ``metainfo``, ``pipeline``, ``filter_cfg``,
            ``test_mode``, ...), unchanged.

    Example::

        train_dataloader = dict(dataset=dict(
            type='CheckedVOCDataset', data_root='data/VOCdevkit/',
            ann_file='VOC2007/ImageSets/Main/trainval.txt',
            data_prefix=dict(sub_data_root='VOC2007/'), pipeline=train_pipeline,
            drop_difficult=True))
    """

    def __init__(self, drop_difficult: bool = False, **kwargs):
        self._parsing, self._clipped = None, []  # the XML being parsed; clips per file
        self.drop_difficult = drop_difficult
        super().__init__(**kwargs)
        if tuple(self._metainfo['classes']) != tuple(self.METAINFO['classes']):
            self._metainfo['dataset_type'] = None

    def load_data_list(self):
        if _is_local(self.ann_file) and not osp.isfile(self.ann_file):
            raise DataError(f'VOC split file {self.ann_file} does not exist '
                            '(see tools/data/download_voc.py)')
        ids = list_from_file(self.ann_file, backend_args=self.backend_args)  # as mmdet does
        if not any(i.strip() for i in ids):
            raise DataError(f'VOC split file {self.ann_file} lists no image ids; write one '
                            'id per line (the name of Annotations/<id>.xml)')
        blank = next((n for n, i in enumerate(ids, start=1) if not i.strip()), None)
        if blank:
            raise DataError(f'VOC split file {self.ann_file}: line {blank} is blank; '
                            'remove it (one image id per line)')
        self._clipped = []
        data_list = super().load_data_list()
        if self._clipped:
            print_log(f'{self.ann_file}: {sum(self._clipped)} box(es) in '
                      f'{len(self._clipped)} annotation file(s) left the image by one pixel '
                      'and were clipped to it (VOC boxes are 1-based: 1 <= x <= width, '
                      '1 <= y <= height)', logger='current', level=logging.WARNING)
        return data_list

    def parse_data_info(self, img_info: dict) -> dict:
        xml_path = img_info['xml_path']
        img_path = osp.join(self.sub_data_root, img_info['file_name'])
        if _is_local(xml_path):
            if not osp.isfile(xml_path):
                raise DataError(f'annotation {xml_path} does not exist')
            try:
                root = ET.parse(xml_path).getroot()
            except ET.ParseError as e:
                raise DataError(f'annotation {xml_path} is not valid XML: {e}') from None
            known = set(self.METAINFO['classes']) | set(self._metainfo['classes'])
            for obj in root.findall('object'):
                name = obj.findtext('name')
                if name not in known:
                    raise DataError(f'annotation {xml_path}: unknown class name {name!r} '
                                    f'(classes: {", ".join(self._metainfo["classes"])})')
        if _is_local(img_path) and not osp.isfile(img_path):
            raise DataError(f'image {img_path} listed in {self.ann_file} does not exist')
        self._parsing = xml_path  # named by _parse_instance_info's errors
        try:
            return super().parse_data_info(img_info)
        except (AttributeError, TypeError, ValueError) as e:  # missing/garbled tags
            raise DataError(f'annotation {xml_path} is malformed: {e}') from None

    def _parse_instance_info(self, raw_ann_info: ET.ElementTree, minus_one: bool = True):
        """mmdet's instances of the tree as parsed by mmdet, its boxes checked and clipped."""
        root = raw_ann_info.getroot()
        clipped = clip_boxes(root, self._parsing)
        if clipped:
            self._clipped.append(clipped)
        if self.drop_difficult:
            for obj in root.findall('object'):
                if is_difficult(obj):
                    root.remove(obj)
        return super()._parse_instance_info(raw_ann_info, minus_one)
