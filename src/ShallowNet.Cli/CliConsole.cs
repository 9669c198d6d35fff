namespace ShallowNet.Cli;

/// <summary>Where a command writes: results and progress to <see cref="Out"/>, errors to <see cref="Error"/>.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error);
