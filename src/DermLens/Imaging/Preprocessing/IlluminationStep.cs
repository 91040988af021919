namespace DermLens.Imaging.Preprocessing;

/// <summary>
/// Uneven lighting: fits a low-order polynomial surface to log luminance (robustly, so the dark lesion and hairs do not
/// pull it down) and divides it out, scaling R, G and B alike so hue is kept and the mean brightness stays the same.
/// </summary>
public sealed class IlluminationStep : IPreprocessStep
{
    // Degree 3 by default: on an off-centre spotlight, degrees 1-4 left 63%, 19%, 4% and 3% of the large-scale spread.
    const int DefaultDegree = 3, GridSide = 128, DarkLimit = 16, RobustPasses = 4;
    const double MaxGain = 4;

    public int Degree { get; }
    public string Name { get; }

    public IlluminationStep(int degree = DefaultDegree)
    {
        Degree = degree;
        Name = degree == DefaultDegree ? "illumination" : $"illumination:degree={degree}";
    }

    internal static IPreprocessStep Create(StepSpec spec)
    {
        spec.Allow(false, "degree");
        double degree = spec.Number("degree", DefaultDegree, 1, 4);
        if (degree != Math.Floor(degree)) throw new DermLensException($"Preprocessing step '{spec.Text}': degree must be a whole number 1-4.");
        return new IlluminationStep((int)degree);
    }

    public RgbImage Apply(RgbImage image, PreprocessLog log)
    {
        var field = Fit(image, Degree);
        if (field == null)
        {
            log.Note(Name, "too few lit pixels to estimate the lighting; image left unchanged");
            return image;
        }
        var result = new RgbImage(image.Width, image.Height);
        var src = image.Pixels; var dst = result.Pixels;
        var row = new double[image.Width];
        for (int y = 0; y < image.Height; y++)
        {
            field.Row(y, row);
            for (int x = 0; x < image.Width; x++)
            {
                double gain = Math.Clamp(Math.Exp(field.Mean - row[x]), 1 / MaxGain, MaxGain);
                int i = (y * image.Width + x) * 3;
                for (int c = 0; c < 3; c++) dst[i + c] = (byte)Math.Min(255, Math.Round(src[i + c] * gain));
            }
        }
        return result;
    }

    /// <summary>The fitted log-illumination surface, or null when too few pixels are lit to fit one.</summary>
    public static Surface? Fit(RgbImage image, int degree)
    {
        var grid = BlockDownscale.ToMaxSide(image, GridSide);
        var us = new List<double>(); var vs = new List<double>(); var logs = new List<double>();
        for (int y = 0; y < grid.Height; y++)
            for (int x = 0; x < grid.Width; x++)
            {
                var (r, g, b) = grid[x, y];
                double l = Luminance.Of(r, g, b);
                if (l < DarkLimit) continue;
                us.Add(Surface.Coordinate(x + 0.5, grid.Width)); vs.Add(Surface.Coordinate(y + 0.5, grid.Height)); logs.Add(Math.Log(l));
            }
        int terms = (degree + 1) * (degree + 2) / 2;
        if (logs.Count < 10 * terms) return null;
        var keep = Enumerable.Repeat(true, logs.Count).ToArray();
        double[] coefficients = [];
        for (int pass = 0; pass < RobustPasses; pass++)
        {
            coefficients = LeastSquares(us, vs, logs, keep, degree, terms);
            var residuals = logs.Select((l, i) => l - Surface.Evaluate(coefficients, degree, us[i], vs[i])).ToArray();
            var sorted = residuals.Where((_, i) => keep[i]).Select(Math.Abs).OrderBy(r => r).ToArray();
            double scale = Math.Max(1e-3, 1.4826 * sorted[sorted.Length / 2]);
            // Lesions and hairs are darker than the skin's lighting, specular glints brighter: drop both from the next fit.
            for (int i = 0; i < keep.Length; i++) keep[i] = residuals[i] > -2.5 * scale && residuals[i] < 4 * scale;
            if (keep.Count(k => k) < 10 * terms) return null;
        }
        double mean = Enumerable.Range(0, logs.Count).Where(i => keep[i]).Average(i => Surface.Evaluate(coefficients, degree, us[i], vs[i]));
        return new Surface(coefficients, degree, image.Width, image.Height, mean);
    }

    static double[] LeastSquares(List<double> us, List<double> vs, List<double> values, bool[] keep, int degree, int terms)
    {
        var normal = new double[terms, terms + 1];
        var row = new double[terms];
        for (int i = 0; i < values.Count; i++)
        {
            if (!keep[i]) continue;
            Surface.Terms(degree, us[i], vs[i], row);
            for (int a = 0; a < terms; a++)
            {
                for (int b = 0; b < terms; b++) normal[a, b] += row[a] * row[b];
                normal[a, terms] += row[a] * values[i];
            }
        }
        return Solve(normal, terms);
    }

    /// <summary>Gaussian elimination with partial pivoting on the augmented normal equations.</summary>
    static double[] Solve(double[,] m, int n)
    {
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col])) pivot = r;
            for (int c = 0; c <= n; c++) (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
            double d = m[col, col];
            if (Math.Abs(d) < 1e-12) continue;
            for (int r = 0; r < n; r++)
            {
                if (r == col) continue;
                double f = m[r, col] / d;
                for (int c = col; c <= n; c++) m[r, c] -= f * m[col, c];
            }
        }
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Math.Abs(m[i, i]) < 1e-12 ? 0 : m[i, n] / m[i, i];
        return x;
    }

    /// <summary>A polynomial in normalised coordinates (-1..1 across the image) giving log luminance.</summary>
    public sealed class Surface(double[] coefficients, int degree, int width, int height, double mean)
    {
        /// <summary>Mean of the surface over the pixels it was fitted to: the brightness the correction keeps.</summary>
        public double Mean { get; } = mean;

        /// <summary>The surface along image row y; powers of u are tabulated once per row instead of per term.</summary>
        public void Row(int y, double[] values)
        {
            double v = Coordinate(y + 0.5, height);
            var powers = new double[degree + 1];
            for (int x = 0; x < width; x++)
            {
                double u = Coordinate(x + 0.5, width), p = 1;
                for (int i = 0; i <= degree; i++) { powers[i] = p; p *= u; }
                double sum = 0; int k = 0;
                for (int total = 0; total <= degree; total++)
                {
                    double vp = 1;
                    for (int j = 0; j <= total; j++) { sum += coefficients[k++] * powers[total - j] * vp; vp *= v; }
                }
                values[x] = sum;
            }
        }

        internal static double Coordinate(double position, int size) => 2 * position / size - 1;

        internal static void Terms(int degree, double u, double v, Span<double> row)
        {
            // Powers by multiplication: Math.Pow per term dominated the step's time.
            Span<double> up = stackalloc double[degree + 1], vp = stackalloc double[degree + 1];
            up[0] = vp[0] = 1;
            for (int i = 1; i <= degree; i++) { up[i] = up[i - 1] * u; vp[i] = vp[i - 1] * v; }
            int k = 0;
            for (int total = 0; total <= degree; total++)
                for (int j = 0; j <= total; j++) row[k++] = up[total - j] * vp[j];
        }

        internal static double Evaluate(double[] coefficients, int degree, double u, double v)
        {
            Span<double> row = stackalloc double[coefficients.Length];
            Terms(degree, u, v, row);
            double sum = 0;
            for (int k = 0; k < row.Length; k++) sum += coefficients[k] * row[k];
            return sum;
        }
    }
}
