namespace ShallowNet.Numerics;

/// <summary>How GEMM reads an operand: as stored, or transposed.</summary>
public enum Op
{
    /// <summary>op(A) = A.</summary>
    None,

    /// <summary>op(A) = Aᵀ.</summary>
    Transpose,
}
