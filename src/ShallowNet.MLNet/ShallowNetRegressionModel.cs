using Microsoft.ML;
using ShallowNet.Model;
using ShallowNet.Training;

namespace ShallowNet.MLNet;

/// <summary>
/// What <see cref="ShallowNetRegressionTrainer"/> fits: a transformer that adds Score (Single, the predicted value
/// A[L]); saved and loaded as described on <see cref="ShallowNetTransformer"/>.
/// </summary>
public sealed class ShallowNetRegressionModel : ShallowNetTransformer
{
    internal ShallowNetRegressionModel(ITransformer chain, TrainedModel model, TrainingHistory history)
        : base(chain, model, history)
    {
    }
}
