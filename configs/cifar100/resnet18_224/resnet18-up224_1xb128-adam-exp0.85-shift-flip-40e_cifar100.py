# Report 004, task 2: the task-1 recipe (shift + flip + upsampling 224, Adam 1e-3,
# lr x0.85 per epoch, 40 epochs) on the 100 CIFAR-100 classes (fine labels).
_base_ = ['./resnet18-up224_1xb128-adam-exp0.85-shift-flip-40e_cifar100-coarse.py']
num_classes = 100
model = dict(head=dict(num_classes=num_classes))
data_preprocessor = dict(num_classes=num_classes)
train_dataloader = dict(dataset=dict(label_type='fine'))
val_dataloader = dict(dataset=dict(label_type='fine'))
test_dataloader = dict(dataset=dict(label_type='fine'))
experiment = dict(report='004', backbone='ResNet-18 @224, 100 classes', method='shift + flip')
