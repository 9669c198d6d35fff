namespace ShallowNet.Model;

/// <summary>
/// How a model was trained, kept in the model file for reproducibility: the tool and version, the full command-line
/// arguments (options and seed), and the SHA-256 of the training data file.
/// </summary>
/// <param name="Tool">e.g. "shallownet 0.1.0".</param>
/// <param name="Arguments">The train command's arguments.</param>
/// <param name="DataSha256">Hex SHA-256 of the training data file's bytes.</param>
public sealed record TrainingRecord(string Tool, IReadOnlyList<string> Arguments, string DataSha256);
