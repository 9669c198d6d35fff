using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ShallowNet.Cli.Tests;

/// <summary>Data read from a FIFO (a pipe) is read once: training finishes and records the SHA-256 of the bytes written.</summary>
public sealed class FifoDataTests
{
    [Fact]
    public async Task Training_from_a_fifo_finishes_and_records_the_sha256_of_the_bytes_written()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // mkfifo is POSIX; the CI runs Linux
        }

        using var dir = new TempFolder();
        string fifo = dir.File("data.csv");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var text = new StringBuilder("x0,x1,y\n");
        for (int i = 0; i < 200; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i % 7},{i % 5},{i % 2}\n");
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        var writer = Task.Run(() => File.WriteAllBytes(fifo, bytes));
        var train = Task.Run(() => CliRunner.Run("train", "--data", fifo, "--model", dir.File("m.json"), "--epochs", "5", "--quiet"));
        bool finished = await Task.WhenAny(train, Task.Delay(TimeSpan.FromSeconds(60))) == train;
        if (!finished)
        {
            // Unblock a second opening of the FIFO (the bug) so that the test process can end, then fail.
            using (File.OpenWrite(fifo))
            {
            }

            await Task.WhenAny(train, Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.Fail("train hung reading the FIFO");
        }

        await writer;
        var result = await train;
        Assert.True(result.ExitCode == 0, result.ToString());
        using var model = JsonDocument.Parse(File.ReadAllBytes(dir.File("m.json")));
        string recorded = model.RootElement.GetProperty("training").GetProperty("data_sha256").GetString()!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), recorded);
    }
}
