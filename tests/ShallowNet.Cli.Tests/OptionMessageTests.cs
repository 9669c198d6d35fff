using static ShallowNet.Cli.Tests.OutputPathTests;

namespace ShallowNet.Cli.Tests;

/// <summary>Messages about option values and commands: one line naming the option, in words, never a .NET type name.</summary>
public class OptionMessageTests
{
    [Theory]
    [InlineData("--learning-rate inf", "--learning-rate 'inf': not a finite number")]
    [InlineData("--epochs 1.5", "--epochs '1.5': not a whole number")]
    [InlineData("--epochs 3000000000", "--epochs '3000000000': too large (at most 2147483647)")]
    [InlineData("--seed -1", "--seed '-1': not a whole number from 0")]
    [InlineData("--seed 1e3", "--seed '1e3': not a whole number from 0")]
    [InlineData("--threads abc", "--threads 'abc': not a whole number")]
    [InlineData("--slope x", "--slope 'x': not a finite number")]
    [InlineData("--patience 2.5", "--patience '2.5': not a whole number")]
    [InlineData("--precision float16", "--precision 'float16': not one of float32, float64")]
    [InlineData("--standardize maybe", "--standardize 'maybe': neither true nor false")]      // was "Unrecognized command or argument 'maybe'"
    public void Values_that_do_not_parse_are_named_in_words_not_dotnet_types(string options, string expected)
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run(["train", "--data", CliRunner.BadInput("good.csv"), "--model", dir.File("m.json"), .. options.Split(' ')]);
        AssertBadInput(r, expected);
        Assert.DoesNotContain("System.", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("datasets planar --out d.csv --n 1.5", "--n '1.5': not a whole number")]
    [InlineData("datasets planar --out d.csv --seed -3", "--seed '-3': not a whole number from 0")]
    public void Other_commands_name_their_options_the_same_way(string command, string expected)
    {
        var r = CliRunner.Run(command.Split(' '));
        AssertBadInput(r, expected);
        Assert.DoesNotContain("System.", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tune_value_that_does_not_parse_is_named_in_words()
    {
        var r = CliRunner.Run("tune", "--data", CliRunner.Fixture("planar_flower.csv"), "--epochs", "1.5,2");
        AssertBadInput(r, "--epochs '1.5': not a whole number");
        Assert.DoesNotContain("System.", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("train --data <empty> --model m.json", "--data '': not a file name")]
    [InlineData("train --data d.csv --model <blank>", "--model ' ': not a file name")]
    [InlineData("predict --model m.json --data d.csv --out <empty>", "--out '': not a file name")]
    [InlineData("plot --model m.json --data d.csv --out plots --metrics <empty>", "--metrics '': not a file name")]
    public void An_empty_file_name_names_its_option(string command, string expected)
    {
        var r = CliRunner.Run([.. command.Split(' ').Select(a => a switch { "<empty>" => string.Empty, "<blank>" => " ", _ => a })]);
        AssertBadInput(r, expected);
    }

    [Theory]
    [InlineData("--quiet --bogus", "unknown option '--bogus' (see")]                       // was "--quiet '--bogus': neither true nor false"
    [InlineData("--epoch 5", "unknown option '--epoch' (did you mean --epochs?)")]          // was "Unrecognized command or argument '--epoch'"
    [InlineData("--learningrate 0.1", "unknown option '--learningrate' (did you mean --learning-rate?)")]
    [InlineData("--standardise", "unknown option '--standardise' (did you mean --standardize?)")]
    public void An_unknown_option_is_named_with_the_nearest_known_ones(string options, string expected)
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run(["train", "--data", CliRunner.BadInput("good.csv"), "--model", dir.File("m.json"), .. options.Split(' ')]);
        AssertBadInput(r, expected);
        Assert.False(File.Exists(dir.File("m.json")));
    }

    [Fact]
    public void An_unknown_command_is_named_with_the_list_of_commands()
    {
        var r = CliRunner.Run("frobnicate", "--data", "x.csv");
        AssertBadInput(r, "unknown command 'frobnicate'");
        Assert.Contains("train, predict, evaluate", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void No_command_at_all_lists_the_commands()
    {
        var r = CliRunner.Run();
        AssertBadInput(r, "no command given");
        Assert.Contains("train, predict, evaluate", r.Error, StringComparison.Ordinal);
    }
}
