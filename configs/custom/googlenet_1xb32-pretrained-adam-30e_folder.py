# Report 003, run G3: GoogLeNet from torchvision's ImageNet weights (downloaded on first
# use) with a new classifier, no augmentation, Adam 1e-3 constant, 30 epochs.
# The backbone uses torchvision's module names, so the plain state dict loads by name (its
# aux1/aux2/fc keys are ignored; the new fc starts from G1's trunc-normal init). No
# auxiliary classifiers: torchvision's googlenet(weights=...) drops them unless asked (J21).
# torchvision's pretrained GoogLeNet has transform_input=True: it maps ImageNet-normalised
# input to (x - 0.5) / 0.5, the scaling its weights were trained with. Normalising with
# mean = std = 127.5 (0-255 scale) gives the network exactly that input.
_base_ = ['./googlenet_1xb32-truncnormal-adam-50e_folder.py']
pretrained = 'https://download.pytorch.org/models/googlenet-1378be20.pth'
model = dict(backbone=dict(
    init_cfg=dict(_delete_=True, type='Pretrained', checkpoint=pretrained)),
    head=dict(aux_logits=False))
data_preprocessor = dict(mean=[127.5, 127.5, 127.5], std=[127.5, 127.5, 127.5])
train_cfg = dict(max_epochs=30)
experiment = dict(report='003', backbone='GoogLeNet', method='ImageNet-pretrained (torchvision)')
