using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using ShallowNet.Activations;

namespace ShallowNet.Bench;

/// <summary>Our activations against TensorPrimitives on n values in [−4, 4] (planar: 1600, wide: 5.1 M).</summary>
[MemoryDiagnoser]
public class ActivationBenchmarks
{
    private double[] _z = [], _a = [], _dz = [];
    private float[] _zf = [], _af = [];

    [Params(1600, 5_120_000)]
    public int N { get; set; } = 1600;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _z = [.. Enumerable.Range(0, N).Select(_ => (random.NextDouble() * 8) - 4)];
        _a = new double[N];
        _dz = new double[N];
        _zf = [.. _z.Select(v => (float)v)];
        _af = new float[N];
    }

    [Benchmark(Baseline = true)]
    public void TanhTensorPrimitives64() => TensorPrimitives.Tanh(_z, _a);

    [Benchmark]
    public void Tanh64() => Tanh.Instance.Forward<double>(_z, _a);

    [Benchmark]
    public void Tanh32() => Tanh.Instance.Forward<float>(_zf, _af);

    [Benchmark]
    public void TanhTensorPrimitives32() => TensorPrimitives.Tanh(_zf, _af);

    [Benchmark]
    public void Sigmoid64() => Sigmoid.Instance.Forward<double>(_z, _a);

    [Benchmark]
    public void SigmoidTensorPrimitives64() => TensorPrimitives.Sigmoid(_z, _a);

    [Benchmark]
    public void Relu64() => Relu.Instance.Forward<double>(_z, _a);

    [Benchmark]
    public void TanhBackward64() => Tanh.Instance.Backward<double>(_z, _a, _a, _dz);
}
