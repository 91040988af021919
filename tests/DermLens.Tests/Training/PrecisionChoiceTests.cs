using DermLens.Models;
using DermLens.Training;
using static TorchSharp.torch;

namespace DermLens.Tests.Training;

public class PrecisionChoiceTests
{
    const string Zen3 = "fpu sse2 avx f16c avx2 fma bmi2 sha_ni vaes";
    const string SapphireRapids = "fpu avx2 avx512f avx512bw avx512_bf16 avx512_fp16 amx_bf16 amx_tile amx_int8";
    const string CooperLake = "fpu avx2 avx512f avx512bw avx512_bf16";

    [Theory]
    [InlineData(Zen3, Precision.Fp32)]
    [InlineData(SapphireRapids, Precision.Bf16)]
    [InlineData(CooperLake, Precision.Bf16)]
    [InlineData("", Precision.Fp32)]
    public void Auto_picks_bf16_only_on_a_cpu_with_bf16_units(string flags, Precision expected)
    {
        var (precision, reason) = PrecisionChoice.Resolve("auto", CPU, flags);
        Assert.Equal(expected, precision);
        Assert.StartsWith("auto: " + PrecisionChoice.NameOf(expected), reason);
    }

    [Fact]
    public void The_reason_names_the_flags_it_found()
    {
        Assert.Contains("amx_bf16 and avx512_bf16", PrecisionChoice.Resolve("auto", CPU, SapphireRapids).Reason);
    }

    [Theory]
    [InlineData("fp32", Precision.Fp32)]
    [InlineData("BF16", Precision.Bf16)]
    public void An_explicit_precision_is_taken_whatever_the_cpu(string name, Precision expected)
    {
        Assert.Equal(expected, PrecisionChoice.Resolve(name, CPU, SapphireRapids).Precision);
        Assert.Equal(expected, PrecisionChoice.Resolve(name, CPU, Zen3).Precision);
    }

    [Fact]
    public void An_unknown_precision_is_a_one_line_error_listing_the_known_ones()
    {
        var error = Assert.Throws<DermLensException>(() => PrecisionChoice.Resolve("fp16", CPU));
        Assert.Equal("Unknown precision 'fp16'. Known: auto, fp32, bf16.", error.Message);
    }
}
