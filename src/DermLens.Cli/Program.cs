var plt = new ScottPlot.Plot();
plt.Add.Scatter(new double[]{1,2,3}, new double[]{1,4,9});
plt.SavePng("/tmp/p.png", 400, 300);
using var bmp = SkiaSharp.SKBitmap.Decode("../shared/data/ham10000-dev/images/ISIC_0024366.jpg");
System.Console.WriteLine($"{bmp.Width}x{bmp.Height} {bmp.ColorType}");
