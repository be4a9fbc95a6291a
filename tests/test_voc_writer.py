"""The VOC writer's output is read back by mmdet's own VOCDataset with the same boxes."""
import numpy as np

from custom_modules.apps.data.voc_writer import write_split, write_voc_image


def test_mmdet_voc_dataset_reads_written_files(tmp_path):
    from mmdet.datasets import VOCDataset
    year_root = tmp_path / 'VOCdevkit' / 'VOC2007'
    image = np.full((60, 80, 3), 128, np.uint8)
    write_voc_image(str(year_root), '000001', image,
                    [('dog', (10, 5, 40, 30), False), ('cat', (0, 0, 79, 59), True)])
    write_split(str(year_root), 'test', ['000001'])
    dataset = VOCDataset(data_root=str(tmp_path / 'VOCdevkit'),
                         ann_file='VOC2007/ImageSets/Main/test.txt',
                         data_prefix=dict(sub_data_root='VOC2007/'), test_mode=True, pipeline=[])
    info = dataset.get_data_info(0)
    assert (info['width'], info['height']) == (80, 60)
    assert info['img_path'].endswith('VOC2007/JPEGImages/000001.jpg')
    boxes = [(dataset.metainfo['classes'][i['bbox_label']], i['bbox'], i['ignore_flag'])
             for i in info['instances']]
    assert boxes == [('dog', [10, 5, 40, 30], 0), ('cat', [0, 0, 79, 59], 1)]
