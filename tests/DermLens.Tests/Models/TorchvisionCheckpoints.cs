namespace DermLens.Tests.Models;

/// <summary>
/// Checkpoints written by python3's torchvision (once per test class): resnet18 and densenet121 state dicts with
/// non-trivial BatchNorm statistics, the DenseNet under the legacy key names of torchvision's published files (also in
/// the legacy format those files have), a resnet18 in PyTorch's legacy (pre-1.6) format, and torchvision's outputs on a
/// fixed input.
/// </summary>
public sealed class TorchvisionCheckpoints : IDisposable
{
    const string Script = """
import sys, re, torch, torchvision
import torch.nn.functional as F
out = sys.argv[1]
torch.manual_seed(0)
x = torch.rand(2, 3, 64, 64)
reference = {"input": x}

def randomise_batchnorm(model):
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.weight.data.uniform_(0.5, 1.5); m.bias.data.uniform_(-0.2, 0.2)
            m.running_mean.uniform_(-0.2, 0.2); m.running_var.uniform_(0.5, 1.5)
    return model.eval()

resnet = randomise_batchnorm(torchvision.models.resnet18(num_classes=1000))
with torch.no_grad():
    body = resnet.layer4(resnet.layer3(resnet.layer2(resnet.layer1(resnet.maxpool(resnet.relu(resnet.bn1(resnet.conv1(x))))))))
    reference["resnet18.features"] = torch.flatten(resnet.avgpool(body), 1)
    reference["resnet18.logits"] = resnet(x)
torch.save(resnet.state_dict(), out + "/resnet18.pth")
torch.save(resnet.state_dict(), out + "/resnet18-legacy.pth", _use_new_zipfile_serialization=False)

densenet = randomise_batchnorm(torchvision.models.densenet121(num_classes=1000))
with torch.no_grad():
    reference["densenet121.features"] = torch.flatten(F.adaptive_avg_pool2d(F.relu(densenet.features(x)), 1), 1)
    reference["densenet121.logits"] = densenet(x)
legacy = re.compile(r"^(.*denselayer\d+\.(?:norm|relu|conv))((?:[12])\.(?:weight|bias|running_mean|running_var))$")
state = {legacy.sub(r"\1.\2", k): v for k, v in densenet.state_dict().items()}
assert any(".norm.1." in k for k in state)
torch.save(state, out + "/densenet121.pth")
# As torchvision's published DenseNet files were written (PyTorch 0.2, 2017): the legacy format, with tensors rebuilt
# by torch._utils._rebuild_tensor rather than the later _rebuild_tensor_v2.
modern_reduce = torch.Tensor.__reduce_ex__
torch.Tensor.__reduce_ex__ = lambda t, protocol: (torch._utils._rebuild_tensor, (t.storage(), t.storage_offset(), tuple(t.size()), t.stride()))
torch.save(state, out + "/densenet121-2017.pth", _use_new_zipfile_serialization=False)
torch.Tensor.__reduce_ex__ = modern_reduce
torch.save(reference, out + "/reference.pth")
""";

    readonly TempDir folder = new();

    public TorchvisionCheckpoints()
    {
        if (PythonTorch.Available) PythonTorch.Run(Script, folder.Path);
    }

    public string this[string file] => folder[file];

    public void Dispose() => folder.Dispose();
}
