using ShallowNet.Data;
using ShallowNet.Numerics;

namespace ShallowNet.Cli.Reports;

/// <summary>What the plots and the report show of <c>train --test FILE</c>: its rows, their Y and the measures.</summary>
/// <param name="Data">The encoded test rows.</param>
/// <param name="Y">Their Y in the target's units.</param>
/// <param name="Measures">The measures, as <c>evaluate --json</c> names them.</param>
internal sealed record TestPart(Dataset Data, Matrix<double> Y, IReadOnlyDictionary<string, double> Measures);
