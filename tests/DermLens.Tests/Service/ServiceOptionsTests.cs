using DermLens.Service;

namespace DermLens.Tests.Service;

public class ServiceOptionsTests
{
    [Fact]
    public void Fewer_than_one_model_thread_is_refused_naming_the_option()
    {
        var error = Assert.Throws<DermLensException>(() => new ServiceOptions { Run = "run", ModelThreads = 0 }.Check());
        Assert.Contains("--model-threads", error.Message);
        new ServiceOptions { Run = "run", ModelThreads = 1 }.Check();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void The_default_model_threads_leave_a_core_for_the_requests_and_share_the_rest_among_the_workers(int workers)
    {
        int threads = new ServiceOptions { Run = "run", Workers = workers }.DefaultModelThreads;
        Assert.True(threads >= 1);
        // At least one thread per worker even where there are fewer spare cores than workers.
        Assert.True(threads * workers <= Math.Max(Environment.ProcessorCount - 1, workers), $"{threads} threads x {workers} workers on {Environment.ProcessorCount} cores");
    }
}
