namespace ShallowNet.Export;

/// <summary>
/// The ONNX operator that computes an activation, as the activation describes itself to <see cref="OnnxExport"/>:
/// <c>new("Sigmoid")</c>, <c>new("LeakyRelu") { Floats = [("alpha", 0.01f)] }</c>.
/// </summary>
/// <param name="OpType">The operator's name in the default ONNX domain.</param>
internal sealed record OnnxOperator(string OpType)
{
    /// <summary>Float attributes (name, value).</summary>
    public IReadOnlyList<(string Name, float Value)> Floats { get; init; } = [];

    /// <summary>Integer attributes (name, value).</summary>
    public IReadOnlyList<(string Name, long Value)> Ints { get; init; } = [];
}
