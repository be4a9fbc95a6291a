# GoogLeNet (Inception v1) from torchvision's ImageNet weights (downloaded on first use);
# the backbone uses torchvision's module names, so the plain state dict loads by name
# (its aux1/aux2/fc keys are ignored and the head is trained from scratch). torchvision
# trained these weights with its own input transform; fine-tuning adapts them to the
# ImageNet mean/std normalisation used here.
_base_ = ['./googlenet_1xb32_folder.py']
pretrained = 'https://download.pytorch.org/models/googlenet-1378be20.pth'
model = dict(backbone=dict(init_cfg=dict(type='Pretrained', checkpoint=pretrained)))
experiment = dict(method='ImageNet-pretrained (torchvision)')
