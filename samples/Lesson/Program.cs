// The lesson in C#: the shallow network of the course's week 3 on the planar "flower".
//   X (2, 400), one example per column; Y (1, 400).
//   Z[1] = W[1]·X + b[1], A[1] = tanh(Z[1])          W[1] (4, 2), b[1] (4, 1)
//   Z[2] = W[2]·A[1] + b[2], A[2] = σ(Z[2])          W[2] (1, 4), b[2] (1, 1)
//   J = −(1/m) Σ [y log a + (1 − y) log(1 − a)]; back-propagation; W := W − α dW, b := b − α db
// With seed 2 and weights × 0.01, the costs are the course's (NumPy's) to the last digit up to epoch 7000.
using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training;

var data = SyntheticData.Planar(m: 400, seed: 1);                          // the course's flower, bit for bit
var labels = data.RequireLabels();
var classes = ClassLabels.FromLabels(labels);
var y = classes.EncodeBinary<double>(labels, data.Source);                 // (1, 400): 1 for the second class
Console.WriteLine($"X is {data.X.Shape}, Y is {y.Shape}");

var network = Initializer.Create<double>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2));
Console.WriteLine(network);
var history = Trainer.Train(network, data.X, y, new TrainingOptions { Epochs = 10000, LearningRate = 1.2, LogEvery = 1000 },
    progress: p => Console.WriteLine($"  cost after epoch {p.Epoch,5}: {p.Cost:F6}"));
Console.WriteLine($"accuracy: {Accuracy(network, data.X, y):P2} (the course: 90.75%)");

// The lesson's experiment: the size of the hidden layer (5000 epochs each).
Console.WriteLine();
foreach (int hidden in new[] { 1, 2, 3, 4, 5, 20, 50 })
{
    var net = Initializer.Create<double>([2, hidden, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2));
    Trainer.Train(net, data.X, y, new TrainingOptions { Epochs = 5000, LearningRate = 1.2 });
    Console.WriteLine($"  {hidden,2} hidden units: accuracy {Accuracy(net, data.X, y):P2}");
}

Console.WriteLine($"(trained the 2-4-1 network in {history.TrainSeconds:F2} s)");

static double Accuracy(Network<double> network, Matrix<double> x, Matrix<double> y)
{
    int[] predicted = network.Predict(x);                                   // a > 0.5
    return predicted.Where((c, j) => c == (int)y[0, j]).Count() / (double)predicted.Length;
}
