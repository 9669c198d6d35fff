using System.Globalization;
using ShallowNet.Cli.Output;
using ShallowNet.Training;
using Spectre.Console;

namespace ShallowNet.Cli.Progress;

/// <summary>
/// Shows a training run as it goes. At an interactive terminal: a live bar with the epoch, the cost, the metric (and
/// the validation ones), epochs per second and the time left, then a table of the logged epochs. Otherwise (output
/// redirected, <c>CI</c> set): one plain line per logged epoch (<see cref="FormatLine"/>), the format scripts read.
/// Quiet: nothing.
/// </summary>
internal static class TrainingProgressView
{
    /// <summary>How the run is shown.</summary>
    public enum Mode
    {
        /// <summary>Nothing at all.</summary>
        Quiet,

        /// <summary>A live bar when interactive; plain lines otherwise.</summary>
        LinesOrBar,

        /// <summary>A live bar (cleared when done) when interactive; nothing otherwise. For experiments that print tables.</summary>
        BarOnly,
    }

    /// <summary>
    /// Runs <paramref name="train"/>, handing it the progress callback to pass to <c>Trainer.Train</c>.
    /// </summary>
    public static TrainingHistory Run(TextWriter output, Mode mode, string label, string metricName, int epochs, Func<Action<TrainingProgress>?, TrainingHistory> train)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(train);
        if (mode == Mode.Quiet)
        {
            return train(null);
        }

        if (!Terminal.IsInteractive(output))
        {
            return train(mode == Mode.LinesOrBar ? p => output.WriteLine(FormatLine(p, metricName)) : null);
        }

        TrainingHistory? history = null;
        var console = Terminal.For(output);
        console.Progress()
            .AutoClear(mode == Mode.BarOnly)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 30 }, new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape($"{label}: starting"), maxValue: Math.Max(1, epochs));
                history = train(p =>
                {
                    task.Value = Math.Min(epochs, p.Epoch + 1);
                    task.Description = Markup.Escape($"{label}: {FormatLive(p, metricName)}");
                });
                task.Value = task.MaxValue;
            });

        if (mode == Mode.LinesOrBar && history is not null)
        {
            TextTable.Write(output, null, HistoryTable.From(history, metricName, maxRows: 21));
        }

        return history!;
    }

    /// <summary>
    /// The plain line for a logged epoch, as <c>train</c> has always printed it
    /// (<c>epoch  1000/10000  cost 0.288083294  accuracy 0.9000</c>, plus validation cost and metric).
    /// </summary>
    public static string FormatLine(TrainingProgress p, string metricName)
    {
        var inv = CultureInfo.InvariantCulture;
        string epoch = p.Epoch.ToString(inv).PadLeft(p.Epochs.ToString(inv).Length);
        string text = string.Create(inv, $"epoch {epoch}/{p.Epochs}  cost {p.Cost:F9}");
        if (p.Point is { } point)
        {
            if (point.Metric is { } m)
            {
                text += string.Create(inv, $"  {metricName} {m:F4}");
            }

            if (point.ValidationCost is { } vc)
            {
                text += string.Create(inv, $"  val_cost {vc:F6}  val_{metricName} {point.ValidationMetric:F4}");
            }
        }

        return text;
    }

    /// <summary>The bar's text: epoch, cost, metric, validation, epochs/s and time left.</summary>
    internal static string FormatLive(TrainingProgress p, string metricName)
    {
        var inv = CultureInfo.InvariantCulture;
        double seconds = Math.Max(p.Elapsed.TotalSeconds, 1e-9);
        double rate = (p.Epoch + 1) / seconds;
        var eta = TimeSpan.FromSeconds(Math.Max(0, p.Epochs - p.Epoch - 1) / rate);
        string text = string.Create(inv, $"epoch {p.Epoch}/{p.Epochs}  cost {p.Cost:F6}");
        if (p.Point?.Metric is { } m)
        {
            text += string.Create(inv, $"  {metricName} {m:F4}");
        }

        if (p.Point?.ValidationCost is { } vc)
        {
            text += string.Create(inv, $"  val_cost {vc:F4}  val_{metricName} {p.Point.ValidationMetric:F4}");
        }

        return text + string.Create(inv, $"  {rate:N0} epochs/s  ETA {eta:mm\\:ss}");
    }
}
