using Microsoft.ML;
using ShallowNet.Model;
using ShallowNet.Training;

namespace ShallowNet.MLNet;

/// <summary>
/// What <see cref="ShallowNetMulticlassTrainer"/> fits: a transformer that adds Score (a known-size vector of the k
/// class probabilities A[L], in the label's key order) and PredictedLabel (the arg-max class, a key of the label's
/// key type, with the label's key values); saved and loaded as described on <see cref="ShallowNetTransformer"/>.
/// </summary>
public sealed class ShallowNetMulticlassModel : ShallowNetTransformer
{
    internal ShallowNetMulticlassModel(ITransformer chain, TrainedModel model, TrainingHistory history)
        : base(chain, model, history)
    {
    }
}
