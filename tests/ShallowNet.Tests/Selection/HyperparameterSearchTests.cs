using System.Globalization;
using System.Text;
using ShallowNet.Api;
using ShallowNet.Data;
using ShallowNet.Selection;

namespace ShallowNet.Tests.Selection;

public class HyperparameterSearchTests
{
    private static readonly EstimatorOptions Small = new()
    {
        ValidationFraction = 0,
        Training = new EstimatorOptions().Training with { Epochs = 30, Patience = null },
    };

    private static readonly EstimatorOptions[] Candidates = [Small with { Hidden = [2] }, Small with { Hidden = [6] }, Small with { Hidden = [3, 3] }];

    /// <summary>120 rows of two noisy rings: a label a small network can learn in part.</summary>
    private static Table Rings()
    {
        var random = new Random(7);
        var csv = new StringBuilder("u,v,y\n");
        for (int r = 0; r < 120; r++)
        {
            double angle = random.NextDouble() * 2 * Math.PI, radius = (r % 2 == 0 ? 1 : 2) + (0.4 * random.NextDouble());
            csv.Append(CultureInfo.InvariantCulture, $"{radius * Math.Cos(angle)},{radius * Math.Sin(angle)},{(r % 2 == 0 ? "in" : "out")}\n");
        }

        return CsvTable.Read(new StringReader(csv.ToString()), "rings.csv", new TableReadOptions { TextColumns = ["y"] });
    }

    [Fact]
    public void Each_trial_is_the_cross_validation_of_its_candidate_on_the_same_folds_and_the_best_ranks_first()
    {
        var table = Rings();
        var options = new SearchOptions { CrossValidation = new CrossValidationOptions { Folds = 4, Seed = 3 } };
        var seen = new List<int>();
        var result = HyperparameterSearch.Run(table, "y", Candidates, options: options, onTrial: t => seen.Add(t.Number));

        Assert.Equal([1, 2, 3], seen);
        Assert.Equal("accuracy", result.Metric);
        for (int i = 0; i < Candidates.Length; i++)
        {
            var alone = CrossValidation.Run(table, "y", Candidates[i], options: options.CrossValidation);
            Assert.Equal(alone.Summary["accuracy"], result.Trials[i].Measures["accuracy"]);
            Assert.Equal(alone.Summary["log_loss"], result.Trials[i].Measures["log_loss"]);
            Assert.Equal(alone.Assignments[0], result.Trials[i].CrossValidation!.Assignments[0]);
        }

        double best = result.Trials.Max(t => t.Measures["accuracy"].Mean);
        Assert.Equal(best, result.Best!.Measures["accuracy"].Mean);
        Assert.Equal(result.Trials.Where(t => t.Measures["accuracy"].Mean == best).Min(t => t.Number), result.Best.Number);
        Assert.Empty(result.NotRun);
        Assert.False(result.BudgetSpent);
    }

    [Fact]
    public void A_loss_ranks_the_lowest_first_and_a_measure_of_another_task_is_refused()
    {
        var table = Rings();
        var result = HyperparameterSearch.Run(table, "y", Candidates, options: new SearchOptions { Metric = "log_loss", CrossValidation = new CrossValidationOptions { Folds = 3 } });
        Assert.True(result.LowerIsBetter);
        Assert.Equal(result.Trials.Min(t => t.Measures["log_loss"].Mean), result.Best!.Measures["log_loss"].Mean);
        Assert.Throws<ArgumentException>(() => HyperparameterSearch.Run(table, "y", Candidates, options: new SearchOptions { Metric = "r2" }));
    }

    [Fact]
    public void Completed_trials_are_taken_as_they_are_and_only_the_others_run()
    {
        var table = Rings();
        var earlier = new SearchTrial(2, new Dictionary<string, MetricSummary> { ["accuracy"] = new(0.99, 0.01) }, 1.5);
        var ran = new List<int>();
        var result = HyperparameterSearch.Run(table, "y", Candidates, options: new SearchOptions { Completed = [earlier], CrossValidation = new CrossValidationOptions { Folds = 3 } }, onTrial: t => ran.Add(t.Number));

        Assert.Equal([1, 3], ran);
        Assert.Equal(2, result.Best!.Number);                           // its recorded score, not a new one
        Assert.True(result.Best.Resumed);
        Assert.Throws<ArgumentException>(() => HyperparameterSearch.Run(table, "y", Candidates, options: new SearchOptions { Completed = [earlier with { Number = 4 }] }));
    }

    [Fact]
    public void A_spent_budget_or_a_cancellation_returns_the_finished_trials_and_lists_the_others()
    {
        var table = Rings();
        var spent = HyperparameterSearch.Run(table, "y", Candidates, options: new SearchOptions { Budget = TimeSpan.Zero });
        Assert.Empty(spent.Trials);
        Assert.Null(spent.Best);
        Assert.Equal([1, 2, 3], spent.NotRun);
        Assert.True(spent.BudgetSpent);

        using var cancel = new CancellationTokenSource();
        var stopped = HyperparameterSearch.Run(table, "y", Candidates, options: new SearchOptions { CrossValidation = new CrossValidationOptions { Folds = 3 } }, onTrial: _ => cancel.Cancel(), cancellationToken: cancel.Token);
        Assert.Equal([1], stopped.Trials.Select(t => t.Number));
        Assert.Equal([2, 3], stopped.NotRun);
        Assert.False(stopped.BudgetSpent);
    }

    [Fact]
    public void Scoring_on_the_training_rows_measures_the_model_fitted_on_every_row()
    {
        var table = Rings();
        var result = HyperparameterSearch.Run(table, "y", [Candidates[1]], options: new SearchOptions { ScoreOnTrainingRows = true });
        var model = new ShallowNetClassifier(Candidates[1]).Fit(table, "y");
        var labels = Enumerable.Range(0, table.Rows).Select(r => table.Column("y").TextAt(r)!).ToList();
        Assert.Equal(model.Score(model.Encode(table), labels), result.Trials[0].Measures["accuracy"].Mean);
        Assert.Equal(0, result.Trials[0].Measures["accuracy"].Std);
        Assert.Null(result.Trials[0].CrossValidation);
    }
}
