namespace ShallowNet.Reproducibility;

/// <summary>The state of a <see cref="NumpyRandom"/>, as NumPy's <c>get_state()</c> gives it.</summary>
/// <param name="Key">The 624 MT19937 words.</param>
/// <param name="Position">The index of the next word (624 = twist before the next draw).</param>
/// <param name="HasGauss">Whether a second Gaussian is cached.</param>
/// <param name="CachedGaussian">The cached Gaussian.</param>
public sealed record NumpyRandomState(IReadOnlyList<uint> Key, int Position, bool HasGauss, double CachedGaussian);
