using ShallowNet.Kernels;

namespace ShallowNet.Tests.Kernels;

/// <summary>
/// The kernels' parallel loop: every index exactly once, whoever calls, however often, with the workers awake or
/// asleep. Each test runs under a deadline, so that a lost wake-up fails the test instead of hanging the suite.
/// </summary>
[Collection(nameof(RunsAlone))]
public class ParallelRunTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task Every_index_runs_exactly_once(int threads)
    {
        await Task.Run(() =>
        {
            foreach (int count in new[] { 0, 1, 2, 3, 7, 64, 257 })
            {
                for (int repeat = 0; repeat < 200; repeat++)
                {
                    var runs = new int[count];
                    ParallelRun.For(count, threads, i => Interlocked.Increment(ref runs[i]));
                    Assert.All(runs, r => Assert.Equal(1, r));
                }
            }
        }).WaitAsync(s_deadline);
    }

    [Fact]
    public async Task A_call_cut_into_one_part_per_thread_gives_each_thread_the_same_part_every_time()
    {
        // what keeps a thread's rows of W1, m and v in its own cache from one Adam step to the next
        await Task.Run(() =>
        {
            int caller = Environment.CurrentManagedThreadId;
            int threads = Math.Min(2, Environment.ProcessorCount);
            int? worker = null;
            for (int repeat = 0; repeat < 300; repeat++)
            {
                if (repeat % 50 == 0)
                {
                    Thread.Sleep(2);                                      // the workers asleep, then awake
                }

                var owner = new int[threads];
                ParallelRun.For(threads, threads, i => owner[i] = Environment.CurrentManagedThreadId);
                Assert.Equal(caller, owner[0]);
                worker ??= owner[^1];
                Assert.Equal(worker, owner[^1]);
            }
        }).WaitAsync(s_deadline);
    }

    [Fact]
    public async Task Each_thread_starts_its_own_contiguous_run_of_indices_on_every_call()
    {
        // [0, 8) on two threads: the caller's run is 0..3 and the worker's 4..7; each runs the first of its run itself
        // (the rest may go to the other thread if one falls behind), so the cat sweep's chunks stay with their thread
        await Task.Run(() =>
        {
            int caller = Environment.CurrentManagedThreadId;
            int threads = Math.Min(2, Environment.ProcessorCount);
            int workerFirst = 8 * (threads - 1) / threads;
            int? worker = null;
            for (int repeat = 0; repeat < 300; repeat++)
            {
                if (repeat % 50 == 0)
                {
                    Thread.Sleep(2);
                }

                var owner = new int[8];
                ParallelRun.For(8, threads, i => owner[i] = Environment.CurrentManagedThreadId);
                Assert.Equal(caller, owner[0]);
                worker ??= owner[workerFirst];
                Assert.Equal(worker, owner[workerFirst]);
            }
        }).WaitAsync(s_deadline);
    }

    [Fact]
    public async Task Calls_after_the_workers_went_to_sleep_still_finish()
    {
        await Task.Run(() =>
        {
            for (int repeat = 0; repeat < 20; repeat++)
            {
                Thread.Sleep(2);                                          // well past the workers' spin
                var runs = new int[16];
                ParallelRun.For(16, 1 + (repeat % 3), i => Interlocked.Increment(ref runs[i]));
                Assert.All(runs, r => Assert.Equal(1, r));
            }
        }).WaitAsync(s_deadline);
    }

    [Fact]
    public async Task Concurrent_and_nested_callers_each_get_all_their_indices()
    {
        var tasks = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (int repeat = 0; repeat < 200; repeat++)
            {
                var runs = new int[10];
                ParallelRun.For(10, 2, i =>
                {
                    var inner = new int[3];
                    ParallelRun.For(3, 2, k => Interlocked.Increment(ref inner[k]));
                    Assert.All(inner, r => Assert.Equal(1, r));
                    Interlocked.Increment(ref runs[i]);
                });
                Assert.All(runs, r => Assert.Equal(1, r));
            }
        }));
        await Task.WhenAll(tasks).WaitAsync(s_deadline);
    }

    [Fact]
    public async Task An_exception_in_the_body_reaches_the_caller_and_the_loop_still_works_after()
    {
        await Task.Run(() =>
        {
            var error = Assert.Throws<InvalidOperationException>(() =>
                ParallelRun.For(40, 2, i =>
                {
                    if (i == 17)
                    {
                        throw new InvalidOperationException("index 17");
                    }
                }));
            Assert.Equal("index 17", error.Message);

            var runs = new int[40];
            ParallelRun.For(40, 2, i => Interlocked.Increment(ref runs[i]));
            Assert.All(runs, r => Assert.Equal(1, r));
        }).WaitAsync(s_deadline);
    }

    [Fact]
    public async Task Work_is_shared_between_threads()
    {
        // two indices that wait for each other: only a second thread running at the same time can finish the loop
        using var first = new ManualResetEventSlim();
        using var second = new ManualResetEventSlim();
        await Task.Run(() => ParallelRun.For(2, 2, i =>
        {
            (i == 0 ? first : second).Set();
            Assert.True((i == 0 ? second : first).Wait(TimeSpan.FromSeconds(10)), "the other index never ran at the same time");
        })).WaitAsync(s_deadline);
    }
}
