namespace ShallowNet.Model;

/// <summary>How initial weights are scaled: W[l] = randn(n[l], n[l-1]) × scale, b[l] = 0.</summary>
public enum InitScheme
{
    /// <summary>× 0.01 (or the given scale): the lesson's small random initialisation.</summary>
    Small,

    /// <summary>× sqrt(1/n[l-1]) (computed as / sqrt(n[l-1]), as the course's deep-network code does).</summary>
    Lecun,

    /// <summary>× sqrt(2/n[l-1]), for ReLU networks.</summary>
    He,

    /// <summary>× sqrt(2/(n[l-1] + n[l])).</summary>
    Glorot,
}
