using BenchmarkDotNet.Attributes;
using ShallowNet.Kernels;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

namespace ShallowNet.Bench;

/// <summary>C = op(A)·op(B) for the shapes the workloads multiply (and 512³), in float32 and float64, 1 and 2 threads.</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private Matrix<float> _af = null!, _bf = null!, _cf = null!;
    private Matrix<double> _ad = null!, _bd = null!, _cd = null!;
    private Compute _compute = Compute.Default;

    /// <summary>"M×K×N opA opB".</summary>
    [Params(
        "512x512x512 N N",
        "256x784x20000 N N",
        "256x20000x784 N T",
        "20x12288x209 N N",
        "20x209x12288 N T",
        "4x2x400 N N",
        "1x400x4 N T",
        "4x1x400 T N")]
    public string Shape { get; set; } = "512x512x512 N N";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    private (int M, int K, int N, Op OpA, Op OpB) Parsed
    {
        get
        {
            var parts = Shape.Split(' ');
            var dims = parts[0].Split('x').Select(int.Parse).ToArray();
            return (dims[0], dims[1], dims[2], parts[1] == "T" ? Op.Transpose : Op.None, parts[2] == "T" ? Op.Transpose : Op.None);
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        var (m, k, n, opA, opB) = Parsed;
        var random = new NumpyRandom(1);
        _ad = Fill<double>(random, opA == Op.None ? m : k, opA == Op.None ? k : m);
        _bd = Fill<double>(random, opB == Op.None ? k : n, opB == Op.None ? n : k);
        _cd = new Matrix<double>(m, n);
        _af = _ad.Convert<float>();
        _bf = _bd.Convert<float>();
        _cf = new Matrix<float>(m, n);
        _compute = new Compute { Threads = Threads };
    }

    [Benchmark]
    public void GemmSingle()
    {
        var (_, _, _, opA, opB) = Parsed;
        Gemm.Multiply(1f, _af, opA, _bf, opB, 0f, _cf, _compute);
    }

    [Benchmark]
    public void GemmDouble()
    {
        var (_, _, _, opA, opB) = Parsed;
        Gemm.Multiply(1.0, _ad, opA, _bd, opB, 0.0, _cd, _compute);
    }

    private static Matrix<T> Fill<T>(NumpyRandom random, int rows, int cols)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var x = new Matrix<T>(rows, cols);
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] = T.CreateChecked(random.NextDouble() - 0.5);
        }

        return x;
    }
}
