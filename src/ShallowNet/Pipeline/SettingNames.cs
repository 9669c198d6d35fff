namespace ShallowNet.Pipeline;

/// <summary>
/// How an entry point spells the settings that the pipeline's error messages name, so that a message teaches in the
/// caller's own words: <c>--validation 0.9: ...</c> on the command line, <c>ValidationFraction 0.9: ...</c> in C#.
/// </summary>
/// <param name="Validation">The validation fraction.</param>
/// <param name="ClassWeight">Balanced class weights.</param>
/// <param name="Dropout">The dropout keep probabilities.</param>
/// <param name="Regression">What to use instead of a classifier for a numeric target.</param>
internal sealed record SettingNames(string Validation, string ClassWeight, string Dropout, string Regression)
{
    /// <summary>The C# API's names (<see cref="Api.EstimatorOptions"/>).</summary>
    public static SettingNames CSharp { get; } = new("ValidationFraction", "BalancedClassWeights", "Training.DropoutKeep", "ShallowNetRegressor");
}
