"""Report 001-B layout: Fig. 6 (training loss, test loss, test mAP with placeholder 0 at
epoch 0; red random, orange COCO, blue ImageNet) and the final-values table with R001's
ranking as reference; a missing run leaves its row empty."""
from custom_modules.apps.reports import build_report
from tests.helpers.fake_runs import fake_run, read_rows, record_figures

RUN = 'faster-rcnn_r50-caffe-c4-roipool_init-{}_1xb2-nesterov-warmcos-100e_voc07'


def _epochs(loss, maps):
    epochs = {e: {'train/epoch_loss': loss - e / 10, 'val/loss': loss + 0.5 - e / 20}
              for e in range(1, 11)}
    for e, value in zip((5, 10), maps):
        epochs[e]['pascal_voc_area/mAP'] = value
    return epochs


def test_fig6_and_final_table(tmp_path, monkeypatch):
    figures = record_figures(monkeypatch)
    fake_run(tmp_path / RUN.format('random'), _epochs(4.0, (0.125, 0.25)))
    fake_run(tmp_path / RUN.format('imagenet'), _epochs(3.0, (0.375, 0.5)))
    out = tmp_path / 'report'
    build_report('001', str(tmp_path), str(out))

    panels = figures['Fig. 6: loss and mAP of the three initialisations']
    assert len(panels) == 3
    assert [p['colors'] for p in panels] == [['tab:red', 'tab:blue']] * 3
    assert panels[0]['x'] == panels[1]['x'] == [list(range(1, 11))] * 2
    assert panels[2]['x'] == [[0, 5, 10]] * 2  # placeholder 0 at epoch 0, then every 5

    final = read_rows(out / '001-B_final.csv', 'init')
    assert list(final) == ['random', 'COCO Mask R-CNN', 'ImageNet']
    assert final['random']['test mAP'] == '0.250' and final['random']['rank (last mAP)'] == '2'
    assert final['random']['train loss'] == '3.0000' and final['random']['test loss'] == '4.0000'
    assert final['ImageNet']['best mAP epoch'] == '10' and final['ImageNet']['last epoch'] == '10'
    assert final['ImageNet']['rank (last mAP)'] == '1'
    assert final['COCO Mask R-CNN']['test mAP'] == final['COCO Mask R-CNN']['last epoch'] == ''
    assert final['ImageNet']['R001 rank (reference figure)'] == '1 (best)'
    assert final['random']['R001 rank (reference figure)'] == '3 (worst)'
    report = (out / 'report.md').read_text()
    assert "report='001-B', method='COCO Mask R-CNN init'" in report  # listed as not found
    assert 'R001 §3.3' in report
