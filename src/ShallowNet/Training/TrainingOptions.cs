namespace ShallowNet.Training;

/// <summary>Settings for full-batch gradient-descent training. Defaults are the lesson's planar run.</summary>
public sealed record TrainingOptions
{
    /// <summary>Number of epochs (full passes, one update each). Default 10000.</summary>
    public int Epochs { get; init; } = 10000;

    /// <summary>α, the learning rate. Default 1.2.</summary>
    public double LearningRate { get; init; } = 1.2;

    /// <summary>The cost is recorded at epochs 0, K, 2K, ... and at the last epoch. Default 1000.</summary>
    public int LogEvery { get; init; } = 1000;

    /// <summary>Threads for the matrix products (results are bit-identical whatever the count). Default 1.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        if (Epochs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "epochs must be 0 or more");
        }

        if (!double.IsFinite(LearningRate) || LearningRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must be a positive number");
        }

        if (Threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "threads must be 1 or more");
        }

        if (LogEvery < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(LogEvery), LogEvery, "log-every must be 1 or more");
        }
    }
}
