using System.Diagnostics;

namespace ShallowNet.Cli.Tests;

/// <summary>Runs the tool in process (fast) or as a real process (exit codes, stderr), capturing its output.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
    }

    public static Result Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs shallownet.dll in a child <c>dotnet</c> process.</summary>
    public static Result RunProcess(string workingDirectory, params string[] args) => RunProcess(workingDirectory, null, args);

    /// <summary>Runs shallownet.dll in a child <c>dotnet</c> process with these environment variables set.</summary>
    public static Result RunProcess(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
        => RunProcess(workingDirectory, environment, [], args);

    /// <summary>
    /// The same, started through <paramref name="wrapper"/> (a command and its options that run the rest, such as
    /// <c>setpriv --reuid=…</c>).
    /// </summary>
    public static Result RunProcess(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string[] wrapper, string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "shallownet.dll");
        var start = new ProcessStartInfo(wrapper.Length > 0 ? wrapper[0] : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var w in wrapper.Skip(1).Concat(wrapper.Length > 0 ? ["dotnet"] : []))
        {
            start.ArgumentList.Add(w);
        }

        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return Wait(start);
    }

    /// <summary>Runs another program to its end and returns its exit code.</summary>
    public static int RunTool(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return Wait(start).ExitCode;
    }

    private static Result Wait(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} did not finish in 120 s");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts the tool, waits for its first progress line, sends it <paramref name="signal"/>; returns exit code and stdout.</summary>
    public static Task<(int Code, string Output)> RunUntilSignal(string workingDirectory, string signal, params string[] args) =>
        RunUntilLine(workingDirectory, signal, line => line.Contains("epoch", StringComparison.Ordinal) && !line.StartsWith("resuming", StringComparison.Ordinal), args);

    /// <summary>Starts the tool, waits for the first line of stdout that <paramref name="until"/> accepts, sends it <paramref name="signal"/>; returns exit code and stdout + stderr.</summary>
    public static async Task<(int Code, string Output)> RunUntilLine(string workingDirectory, string signal, Func<string, bool> until, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "shallownet.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var seen = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.AppendLine(line);
            if (until(line))
            {
                break;
            }
        }

        using (var kill = Process.Start("kill", [signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        string output = seen + await process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output + "\n(the process did not stop after " + signal + ")");
        }

        return (process.ExitCode, output + await errors);
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string BadInput(string name) => Path.Combine(AppContext.BaseDirectory, "BadInput", name);
}

/// <summary>A temporary folder removed after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "shallownet-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
