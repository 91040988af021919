// TorchSharp seeds one global generator: a test that seeds it and then builds a model would get other weights
// whenever a test class running beside it drew from the generator in between (CI saw a DenseNet Guided Grad-CAM
// come out all zero that way). Tests run one at a time so every seeded test sees exactly its own draws.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
