namespace ShallowNet.Cli.Tests;

/// <summary>Every user mistake: exit code 2, one line on stderr naming the file, line, column or option, no stack trace, no file written.</summary>
public class BadInputTests
{
    [Theory]
    [InlineData("not_a_number.csv", "line 3, column 2 ('x1'): 'abc' is not a number")]
    [InlineData("ragged.csv", "line 3: 2 fields, but the header has 3")]
    [InlineData("empty.csv", "empty")]
    [InlineData("header_only.csv", "no examples after the header")]
    [InlineData("one_class.csv", "the label has only one value (0)")]
    [InlineData("duplicate_header.csv", "duplicate column name 'x0'")]
    [InlineData("missing.csv", "file not found")]
    public void Bad_training_data_is_refused_with_file_line_and_column(string file, string expected)
    {
        using var dir = new TempFolder();
        string model = dir.File("m.json");
        var r = CliRunner.Run("train", "--data", CliRunner.BadInput(file), "--model", model, "--epochs", "10");
        AssertBadInput(r, expected);
        Assert.Contains(file, r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(model), "no model may be written when the input is bad");
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Theory]
    [InlineData("truncated_model.json", "not valid JSON")]
    [InlineData("other_format.json", "format: is 'keras-model', not 'shallownet-model'")]
    [InlineData("newer_version.json", "version: is 7, newer than this shallownet reads (2)")]
    [InlineData("ragged_weights.json", "layers[0].W[1]: has 1 values, but layers[0].W[0] has 2")]
    [InlineData("missing.json", "model file not found")]
    public void Bad_model_files_are_refused_with_the_json_path(string file, string expected)
    {
        foreach (var command in new[] { "predict", "evaluate", "gradcheck" })
        {
            var r = CliRunner.Run(command, "--model", CliRunner.BadInput(file), "--data", CliRunner.BadInput("good.csv"));
            AssertBadInput(r, expected);
            Assert.Contains(file, r.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--frobnicate", "--frobnicate")]
    [InlineData("--epochs abc", "abc")]
    [InlineData("--learning-rate -1", "--learning-rate: must be a positive number")]
    [InlineData("--learning-rate 0", "--learning-rate: must be a positive number")]
    [InlineData("--hidden 4,0", "--hidden '4,0'")]
    [InlineData("--hidden 4,x", "--hidden '4,x'")]
    [InlineData("--activation swish", "unknown activation 'swish'")]
    [InlineData("--activation relu,tanh", "one per hidden layer")]
    [InlineData("--precision float16", "float16")]
    [InlineData("--init xavier", "xavier")]
    [InlineData("--log-every 0", "--log-every: must be 1 or more")]
    [InlineData("--epochs -5", "--epochs: must be 0 or more")]
    [InlineData("--init-scale 0", "--init-scale")]
    [InlineData("--label nope", "no label column 'nope'")]
    [InlineData("--init-params INIT --hidden 5", "--hidden conflicts with --init-params")]
    [InlineData("--lr-schedule step:1:-1", "--lr-schedule: 'step:1:-1': FACTOR must be a positive number")]
    [InlineData("--lr-schedule exponential:-0.5", "--lr-schedule: 'exponential:-0.5': FACTOR must be a positive number")]
    [InlineData("--lr-schedule step:0:0.5", "--lr-schedule: 'step:0:0.5': EVERY must be")]
    [InlineData("--lr-schedule exponential:NaN", "--lr-schedule: 'exponential:NaN': FACTOR must be a positive number")]
    [InlineData("--lr-schedule exponential:Infinity", "--lr-schedule: 'exponential:Infinity': FACTOR must be a positive number")]
    [InlineData("--lr-schedule inverse:-1", "--lr-schedule: 'inverse:-1': DECAY must be 0 or more")]
    [InlineData("--lr-schedule inverse:1:0", "--lr-schedule: 'inverse:1:0': INTERVAL must be")]
    [InlineData("--label y --weight-column y", "--weight-column: 'y' is the label")]
    [InlineData("--weight-column y", "--weight-column: 'y' is the label")]
    [InlineData("--label y,y", "--label: 'y,y' names a column twice")]
    [InlineData("--slope 0.2", "--slope: applies to leaky_relu only")]
    [InlineData("--slope 0.2 --activation relu,tanh --hidden 3,3", "--slope: applies to leaky_relu only")]
    [InlineData("--activation softmax", "--activation: softmax is for the output layer only")]
    [InlineData("--activation relu,softmax --hidden 3,3", "--activation: softmax is for the output layer only")]
    [InlineData("--hidden 0 --activation relu", "--activation: --hidden 0 has no hidden layer")]
    [InlineData("--hidden 0 --dropout 0.1", "--dropout: --hidden 0 has no hidden layer")]
    [InlineData("--hidden 0,4", "--hidden '0,4': each hidden layer size must be")]
    [InlineData("--hidden 100000,100000", "--hidden 100000,100000: training a 2-100000-100000-1 network (")]
    [InlineData("--hidden 2000000000,2000000000", "--hidden 2000000000,2000000000: training a 2-2000000000-2000000000-1 network (")]
    public void Bad_options_name_the_option(string options, string expected)
    {
        using var dir = new TempFolder();
        string model = dir.File("m.json");
        var args = new List<string> { "train", "--data", CliRunner.BadInput("good.csv"), "--model", model };
        args.AddRange(options.Replace("INIT", CliRunner.Fixture("planar_init.json"), StringComparison.Ordinal).Split(' '));
        var r = CliRunner.Run([.. args]);
        AssertBadInput(r, expected);
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void Leaky_relu_still_takes_a_slope_and_a_hidden_layer_of_a_thousand_units_still_trains()
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("train", "--data", CliRunner.BadInput("good.csv"), "--model", dir.File("m.json"), "--activation", "tanh,leaky_relu", "--hidden", "1000,3", "--slope", "0.2", "--epochs", "3", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
    }

    [Fact]
    public void A_label_of_so_many_classes_that_Y_cannot_be_held_is_refused_with_an_estimate_before_allocating()
    {
        // half as many text classes as rows: Y alone (k × m, in double and again in the run's precision) is twice the memory there is
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        int rows = (int)Math.Ceiling(Math.Sqrt(2.0 * available / 12)) & ~1;
        using var dir = new TempFolder();
        File.WriteAllLines(dir.File("classes.csv"), ["x,y", .. Enumerable.Range(0, rows).Select(i => $"{i % 7},c{i % (rows / 2)}")]);
        var r = CliRunner.Run("train", "--data", dir.File("classes.csv"), "--model", dir.File("m.json"), "--quiet");
        AssertBadInput(r, $"--hidden 100: training a 1-100-{rows / 2} network");
        Assert.Contains("GB (the examples", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("m.json")));
    }

    [Fact]
    public void A_hidden_layer_whose_cache_cannot_be_held_is_refused_before_allocating()
    {
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        CliRunner.Run("datasets", "planar", "--out", data);
        var r = CliRunner.Run("train", "--preset", "lesson", "--data", data, "--model", dir.File("m.json"), "--hidden", "10000000", "--epochs", "3", "--quiet");
        AssertBadInput(r, "--hidden 10000000: training a 2-10000000-1 network (40,000,001 parameters) on 400 examples, 400 at a time, needs about");
        Assert.False(File.Exists(dir.File("m.json")));
    }

    [Fact]
    public void A_cost_that_ends_far_above_its_start_is_reported_as_diverged_and_nothing_is_written()
    {
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        CliRunner.Run("datasets", "planar", "--out", data);
        var r = CliRunner.Run("train", "--preset", "lesson", "--data", data, "--model", dir.File("m.json"), "--learning-rate", "1e30", "--epochs", "100", "--quiet");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("training diverged: the cost rose from 0.69", r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(dir.File("m.json")));
    }

    [Fact]
    public void A_divergence_that_early_stopping_hides_behind_the_untrained_weights_is_reported()
    {
        // The default preset validates and stops early: at 1e30 it kept epoch 0's weights and exited 0 with a model of nothing learned.
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        CliRunner.Run("datasets", "planar", "--out", data);
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--learning-rate", "1e30", "--epochs", "300", "--quiet");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("early stopping kept the untrained weights of epoch 0", r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(dir.File("m.json")));
    }

    [Fact]
    public void An_input_scale_that_makes_the_features_infinite_is_refused()
    {
        // 1e-320 and 1e-308 divide the flower's 4.2 into infinity: training ended as "diverged ... lower the learning
        // rate" (exit 1). 1e-320 has no finite inverse either, so a model written with it would not load.
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        CliRunner.Run("datasets", "planar", "--out", data);
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--input-scale", "1e-308", "--epochs", "3", "--quiet");
        AssertBadInput(r, "--input-scale 1E-308: dividing the features by it makes them infinite");
        r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--input-scale", "1e-320", "--epochs", "3", "--quiet");
        AssertBadInput(r, "--input-scale: must be a positive number, with a finite inverse");
        Assert.False(File.Exists(dir.File("m.json")));
    }

    [Fact]
    public void Three_classes_do_not_fit_a_sigmoid_output()
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("train", "--data", CliRunner.BadInput("three_classes.csv"), "--model", dir.File("m.json"), "--output", "sigmoid");
        AssertBadInput(r, "the label has 3 distinct values (0, 1, 2); a sigmoid output needs exactly 2");
        Assert.False(File.Exists(dir.File("m.json")));
    }

    [Fact]
    public void A_text_label_does_not_fit_a_regression_output()
    {
        using var dir = new TempFolder();
        string data = dir.File("text.csv");
        File.WriteAllText(data, "x,y\n1,cat\n2,dog\n3,cat\n");
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--output", "identity");
        AssertBadInput(r, "line 2 ('y'): 'cat' is not a number");
    }

    [Fact]
    public void Drop_invalid_rows_trains_on_the_rest_and_says_how_many()
    {
        // Missing feature cells (NaN, empty) are imputed; a row without a label or with too few fields cannot be.
        using var dir = new TempFolder();
        string data = dir.File("holes.csv");
        File.WriteAllText(data, "x0,x1,y\n1,2,0\n1,NaN,1\n3,,1\n2,1,\n4,5,1\n0,1,0\n7,8\n");
        var refused = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "5");
        AssertBadInput(refused, "line 8: 2 fields, but the header has 3");

        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "5", "--drop-invalid-rows", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("dropped 2 invalid rows (first: line 5, column 3 ('y'): missing label); training on 5", r.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.File("m.json")));
    }

    [Fact]
    public void Rows_without_a_label_are_counted_and_the_ways_on_named()
    {
        // penguins.csv's last column ('sex') is empty in 11 rows: before, "empty label" and nothing on what to do
        using var dir = new TempFolder();
        string data = dir.File("unlabelled.csv");
        File.WriteAllText(data, "x,y\n1,a\n2,\n3,b\n4,\n5,a\n");
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "5");
        AssertBadInput(r, "line 3, column 2 ('y'): missing label (2 of 5 rows have none; --drop-invalid-rows leaves them out, --label names another column)");
        Assert.False(File.Exists(dir.File("m.json")));
    }

    [Theory]
    [InlineData("nan.csv", "1 missing cell imputed")]
    [InlineData("empty_cell.csv", "1 missing cell imputed")]
    public void Missing_feature_cells_are_imputed_not_refused(string file, string expected)
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("train", "--data", CliRunner.BadInput(file), "--model", dir.File("m.json"), "--epochs", "3");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains(expected, r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nan_that_is_not_a_missing_token_is_refused_as_not_finite()
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("train", "--data", CliRunner.BadInput("nan.csv"), "--model", dir.File("m.json"), "--na", "NA");
        AssertBadInput(r, "line 3, column 2 ('x1'): 'NaN' is not a finite number");
    }

    [Fact]
    public void A_regression_target_is_not_taken_as_classes()
    {
        using var dir = new TempFolder();
        string data = dir.File("continuous.csv");
        File.WriteAllLines(data, ["x,y", .. Enumerable.Range(0, 30).Select(i => $"{i},{i * 0.37}")]);
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--output", "softmax");
        AssertBadInput(r, "has 30 distinct non-integer values (0, 0.37, 0.74, ");
        Assert.Contains("a regression target, not classes; use --output identity", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bom_crlf_quotes.csv", "\uFEFFx0,x1,y\r\n\"1.5\",2,a\r\n3,\"4\",b\r\n5,6,\"a\"\r\n")]
    [InlineData("semicolons.csv", "x0;x1;y\n1.5;2;a\n3;4;b\n5;6;a\n")]
    [InlineData("tabs.csv", "x0\tx1\ty\n1.5\t2\ta\n3\t4\tb\n5\t6\ta\n")]
    public void Common_csv_variants_are_read(string name, string text)
    {
        using var dir = new TempFolder();
        string data = dir.File(name);
        File.WriteAllText(data, text, new System.Text.UTF8Encoding(false));
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "3", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        var inspect = CliRunner.Run("inspect", "--model", dir.File("m.json"));
        Assert.Contains("x0", inspect.Out, StringComparison.Ordinal);
        Assert.Contains("a, b", inspect.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_option_is_a_usage_error()
    {
        var r = CliRunner.Run("train", "--model", "m.json");
        AssertBadInput(r, "--data");
    }

    [Fact]
    public void Model_inputs_must_match_the_data()
    {
        using var dir = new TempFolder();
        string data = dir.File("three.csv");
        File.WriteAllText(data, "a,b,c,y\n1,2,3,0\n4,5,6,1\n");
        var r = CliRunner.Run("predict", "--model", CliRunner.Fixture("planar_init.json"), "--data", data);
        AssertBadInput(r, "feature columns 'x0', 'x1'");
    }

    [Fact]
    public void A_real_process_exits_with_code_2_and_no_stack_trace()
    {
        using var dir = new TempFolder();
        var r = CliRunner.RunProcess(dir.Path, "train", "--data", CliRunner.BadInput("not_a_number.csv"), "--model", "m.json");
        AssertBadInput(r, "'abc' is not a number");
        Assert.False(File.Exists(dir.File("m.json")));
    }

    private static void AssertBadInput(CliRunner.Result r, string expected)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
        Assert.StartsWith("shallownet", r.Error, StringComparison.Ordinal);
    }
}
