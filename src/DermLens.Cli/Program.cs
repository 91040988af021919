using TorchSharp;
var t = torch.randn(3, 4);
System.Console.WriteLine(t.sum().item<float>());
var m = TorchSharp.torchvision.models.resnet18(num_classes: 10);
System.Console.WriteLine(m.parameters().Count());
