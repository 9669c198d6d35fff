using ShallowNet.Model;
using ShallowNet.Training;

namespace ShallowNet.Pipeline;

/// <summary>What a fit returns: the trained model with its metadata (what the model file holds) and the training history.</summary>
/// <param name="Model">The network in double, the feature and label names, the classes and the preprocessing.</param>
/// <param name="History">The logged costs and metrics.</param>
internal sealed record FitResult(TrainedModel Model, TrainingHistory History);
