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
    public void The_default_model_threads_share_the_cores_among_the_workers_and_leave_one_for_the_requests_beyond_two(int workers)
    {
        int cores = Environment.ProcessorCount;
        int threads = new ServiceOptions { Run = "run", Workers = workers }.DefaultModelThreads;
        Assert.True(threads >= 1);
        int forTheModel = cores > 2 ? cores - 1 : cores;
        // At least one thread per worker even where there are fewer cores for the model than workers.
        Assert.True(threads * workers <= Math.Max(forTheModel, workers), $"{threads} threads x {workers} workers on {cores} cores");
        if (workers == 1) Assert.Equal(forTheModel, threads);
    }
}
