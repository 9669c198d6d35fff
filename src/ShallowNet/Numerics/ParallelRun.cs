using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace ShallowNet.Numerics;

/// <summary>
/// Parallel.For for the kernels: body(i) for every i in [0, count), on the calling thread and up to threads − 1
/// persistent workers, which take indices in any order (callers make the result independent of which thread runs
/// which index).
/// <para>
/// Why not Parallel.For: a mini-batch step makes several parallel calls a few tens of microseconds apart, and between
/// them the thread pool's workers go to sleep; waking them again cost about a fifth of the wide mini-batch epoch in
/// profiles (kernel time in wake-ups). These workers spin for <see cref="SpinMicroseconds"/> after each call, so the
/// next call finds them awake, and only then block. One caller at a time uses the team; a second concurrent caller
/// (or a nested call) falls back to Parallel.For.
/// </para>
/// </summary>
internal static class ParallelRun
{
    /// <summary>How long an idle worker watches for the next call before it blocks.</summary>
    internal const int SpinMicroseconds = 200;

    private static readonly Lock s_grow = new();
    private static Worker[] s_workers = [];
    private static int s_busy;

    // The current call: written by its caller, then posted to each worker taking part.
    private static Action<int>? s_body;
    private static int s_count;
    private static int s_next;
    private static int s_remaining;
    private static Exception? s_error;

    /// <summary>Runs body(0 .. count − 1) on up to <paramref name="threads"/> threads; returns when all have run.</summary>
    public static void For(int count, int threads, Action<int> body)
    {
        // more threads than cores would only make spinning workers wait for each other's time slices
        threads = Math.Min(Math.Min(threads, count), Environment.ProcessorCount);
        if (threads <= 1)
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        if (Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            try
            {
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);   // as the workers' path throws it: unwrapped
            }

            return;
        }

        try
        {
            var workers = Workers(threads - 1);
            s_body = body;
            s_count = count;
            s_next = 0;
            s_error = null;
            s_remaining = threads - 1;
            for (int w = 0; w < threads - 1; w++)
            {
                workers[w].Post();
            }

            Take();
            var wait = default(SpinWait);
            while (Volatile.Read(ref s_remaining) != 0)
            {
                wait.SpinOnce(sleep1Threshold: -1);
            }

            s_body = null;
            if (s_error is { } error)
            {
                s_error = null;
                ExceptionDispatchInfo.Throw(error);
            }
        }
        finally
        {
            Volatile.Write(ref s_busy, 0);
        }
    }

    /// <summary>Runs indices of the current call until none are left.</summary>
    private static void Take()
    {
        var body = s_body!;
        try
        {
            for (int i = Interlocked.Increment(ref s_next) - 1; i < s_count; i = Interlocked.Increment(ref s_next) - 1)
            {
                body(i);
            }
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref s_error, e, null);
            Volatile.Write(ref s_next, s_count);                       // the others stop taking indices
        }
    }

    private static Worker[] Workers(int needed)
    {
        var workers = s_workers;
        if (workers.Length >= needed)
        {
            return workers;
        }

        lock (s_grow)
        {
            var grown = new Worker[needed];
            s_workers.CopyTo(grown, 0);
            for (int w = s_workers.Length; w < needed; w++)
            {
                grown[w] = new Worker(w);
            }

            s_workers = grown;
            return grown;
        }
    }

    /// <summary>One persistent background thread: runs its share of each call posted to it, then waits for the next.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "workers and their semaphores live as long as the process")]
    private sealed class Worker
    {
        private readonly SemaphoreSlim _signal = new(0);
        private int _posted;
        private int _sleeping;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"ShallowNet worker {index + 1}" };
            thread.Start();
        }

        /// <summary>Hands the current call to this worker (its fields written before), waking it if it is blocked.</summary>
        public void Post()
        {
            Volatile.Write(ref _posted, 1);
            if (Interlocked.Exchange(ref _sleeping, 0) == 1)
            {
                _signal.Release();
            }
        }

        private void Loop()
        {
            while (true)
            {
                WaitForPost();
                Take();
                Interlocked.Decrement(ref s_remaining);
            }
        }

        /// <summary>Spins until a call is posted, for <see cref="SpinMicroseconds"/>, then blocks until one is; takes it.</summary>
        private void WaitForPost()
        {
            long until = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * SpinMicroseconds / 1_000_000);
            while (Volatile.Read(ref _posted) == 0)
            {
                if (Stopwatch.GetTimestamp() > until)
                {
                    // Announce the sleep, then look again: whoever resets _sleeping from 1 owns the wake-up. If
                    // Post did (a call came after all), it has released or will release the semaphore.
                    Interlocked.Exchange(ref _sleeping, 1);
                    if (Volatile.Read(ref _posted) == 0 || Interlocked.Exchange(ref _sleeping, 0) == 0)
                    {
                        _signal.Wait();
                    }

                    break;
                }

                Thread.SpinWait(20);
            }

            Volatile.Write(ref _posted, 0);                                // taken: each post runs once
        }
    }
}
