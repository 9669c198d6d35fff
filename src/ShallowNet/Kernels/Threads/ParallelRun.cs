using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace ShallowNet.Kernels;

/// <summary>
/// Parallel.For for the kernels: body(i) for every i in [0, count), on the calling thread and up to threads − 1
/// persistent workers. [0, count) is cut into one contiguous run per participant (the caller is participant 0);
/// each runs its own, then helps the others with what is left of theirs, so which thread runs which index is not
/// fixed (callers make the result independent of it), but it is the same from call to call unless a thread falls
/// behind.
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
    private static int s_threads;
    private static int s_remaining;

    // Per participant t, a cache line apart from the next participant's: the next index of its own run to hand out at
    // [t·SharePadding], the run's end and its first index after it (threads take from each other's counters only when
    // their own run is done).
    private const int SharePadding = 16;
    private static readonly int[] s_shares = new int[Environment.ProcessorCount * SharePadding];
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
            s_threads = threads;
            for (int t = 0; t < threads; t++)
            {
                // participant t's own run of indices: [count·t/threads, count·(t+1)/threads); it runs the first itself,
                // the counter hands out the rest (threads ≤ count: no run is empty)
                int first = (int)((long)count * t / threads);
                s_shares[t * SharePadding] = first + 1;
                s_shares[(t * SharePadding) + 1] = (int)((long)count * (t + 1) / threads);
                s_shares[(t * SharePadding) + 2] = first;
            }

            s_error = null;
            s_remaining = threads - 1;
            for (int w = 0; w < threads - 1; w++)
            {
                workers[w].Post();
            }

            Take(0);
            WaitForWorkers();

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

    /// <summary>
    /// Spins until every worker has finished the current call: with pause instructions for
    /// <see cref="SpinMicroseconds"/> (the usual wait is a few microseconds of imbalance, and SpinWait soon yields, a
    /// system call that showed up in profiles of the wide mini-batch), then yielding the core, in case a worker waits
    /// for it (measured in bench/README, Round 7).
    /// </summary>
    private static void WaitForWorkers()
    {
        long until = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * SpinMicroseconds / 1_000_000);
        while (Volatile.Read(ref s_remaining) != 0 && Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(4);
        }

        var wait = default(SpinWait);
        while (Volatile.Read(ref s_remaining) != 0)
        {
            wait.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>
    /// Runs participant <paramref name="participant"/>'s own run of indices in ascending order (the caller is 0, worker
    /// w is w + 1), then helps the others with theirs, taking from the same counters. The fixed runs keep the same part
    /// of a call's work on the same thread, and so on the same core and in its cache, from one call to the next (a
    /// thread's rows of W1 and of Adam's m and v, or the cat sweep's columns of W1, stay in its own L2; bench/README,
    /// Round 7). Helping keeps a thread that the machine slowed down from holding up the call.
    /// </summary>
    private static void Take(int participant)
    {
        var body = s_body!;
        int threads = s_threads;
        try
        {
            body(s_shares[(participant * SharePadding) + 2]);                  // the first of its own run: always its own
            for (int q = 0; q < threads; q++)
            {
                int owner = (participant + q) % threads;
                ref int next = ref s_shares[owner * SharePadding];
                int end = s_shares[(owner * SharePadding) + 1];
                for (int i = Interlocked.Increment(ref next) - 1; i < end; i = Interlocked.Increment(ref next) - 1)
                {
                    body(i);
                }
            }
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref s_error, e, null);
            for (int t = 0; t < threads; t++)
            {
                Volatile.Write(ref s_shares[t * SharePadding], int.MaxValue / 2);   // the others stop taking indices
            }
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
        private readonly int _participant;
        private int _sleeping;

        public Worker(int index)
        {
            _participant = index + 1;
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
                Take(_participant);
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
