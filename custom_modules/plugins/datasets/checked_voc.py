"""mmdet's ``VOCDataset`` with clear errors for broken VOCdevkit files.

mmdet skips objects whose class name it does not know (a typo in a
hand-made annotation silently loses boxes), fails on malformed XML with a
bare ``ParseError`` and on a missing image only when the loader reaches it.
This subclass raises :class:`DataError` naming the file at load time. Names
of the 20 VOC classes outside a configured subset are still skipped, as in
mmdet. With classes of its own (not VOC's 20) it is not reported as
VOC2007/VOC2012, so VOCMetric's per-class table prints its class names
instead of VOC's.
"""
import os.path as osp
import xml.etree.ElementTree as ET

from mmdet.datasets import VOCDataset
from mmdet.registry import DATASETS

from custom_modules.errors import DataError


def _is_local(path: str) -> bool:
    return '://' not in str(path)


@DATASETS.register_module()
class CheckedVOCDataset(VOCDataset):
    """mmdet's ``VOCDataset`` that validates the split file, each XML and each image.

    Args:
        **kwargs: ``VOCDataset``'s arguments (``data_root``, ``ann_file``,
            ``data_prefix``, ``metainfo``, ``pipeline``, ``filter_cfg``,
            ``test_mode``, ...), unchanged.

    Example::

        train_dataloader = dict(dataset=dict(
            type='CheckedVOCDataset', data_root='data/VOCdevkit/',
            ann_file='VOC2007/ImageSets/Main/trainval.txt',
            data_prefix=dict(sub_data_root='VOC2007/'), pipeline=train_pipeline))
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if tuple(self._metainfo['classes']) != tuple(self.METAINFO['classes']):
            self._metainfo['dataset_type'] = None

    def load_data_list(self):
        if _is_local(self.ann_file) and not osp.isfile(self.ann_file):
            raise DataError(f'VOC split file {self.ann_file} does not exist '
                            '(see tools/data/download_voc.py)')
        return super().load_data_list()

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
        try:
            return super().parse_data_info(img_info)
        except (AttributeError, TypeError, ValueError) as e:  # missing/garbled tags
            raise DataError(f'annotation {xml_path} is malformed: {e}') from None
