using DermLens.Service;

namespace DermLens.Tests.Service;

public class OwnThreadTests
{
    [Fact]
    public void Work_runs_on_a_thread_that_has_ended_when_its_result_is_returned()
    {
        Thread? worker = null;
        int answer = OwnThread.Run(() =>
        {
            worker = Thread.CurrentThread;
            return 42;
        });
        Assert.Equal(42, answer);
        Assert.NotSame(Thread.CurrentThread, worker);
        Assert.False(worker!.IsAlive);
    }

    [Fact]
    public void An_exception_of_the_work_reaches_the_caller_as_thrown()
    {
        var error = Assert.Throws<DermLensException>(() => OwnThread.Run<int>(() => throw new DermLensException("the model file is truncated")));
        Assert.Equal("the model file is truncated", error.Message);
    }

    [Fact]
    public async Task Asynchronous_work_completes_or_faults_its_task()
    {
        Assert.Equal(7, await OwnThread.RunAsync(() => 7));
        await Assert.ThrowsAsync<InvalidOperationException>(() => OwnThread.RunAsync<int>(() => throw new InvalidOperationException("no")));
    }
}
