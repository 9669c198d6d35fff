using Microsoft.ML;
using ShallowNet.Model;
using ShallowNet.Training;

namespace ShallowNet.MLNet;

/// <summary>
/// What <see cref="ShallowNetTrainer"/> fits: a transformer that adds Score (the logit Z[L]), Probability (A[L]) and
/// PredictedLabel (A[L] &gt; 0.5) to each row; saved and loaded as described on <see cref="ShallowNetTransformer"/>.
/// </summary>
public sealed class ShallowNetBinaryModel : ShallowNetTransformer
{
    internal ShallowNetBinaryModel(ITransformer chain, TrainedModel model, TrainingHistory history)
        : base(chain, model, history)
    {
    }
}
