using System.Diagnostics;
using ShallowNet.Serialization;

namespace ShallowNet.Tests.Serialization;

/// <summary>Model and checkpoint files are read up to a cap, also from a pipe that never ends.</summary>
public sealed class BoundedFileTests : IDisposable
{
    private readonly string _folder = TestData.NewTempFolder();

    public void Dispose() => TestData.DeleteFolder(_folder);

    [Fact]
    public async Task A_pipe_that_never_ends_is_cut_at_the_cap()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string fifo = Path.Combine(_folder, "endless.json");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var writer = Task.Run(() =>
        {
            try
            {
                using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
                stream.Write("{\"format\": "u8);
                var spaces = new byte[64 * 1024];
                Array.Fill(spaces, (byte)' ');
                while (true)
                {
                    stream.Write(spaces);
                }
            }
            catch (IOException)
            {
                // the reader stopped
            }
        });

        var e = Assert.Throws<InvalidInputException>(() => BoundedFile.ReadAll(fifo, "model", maxBytes: 1 << 20));
        Assert.Contains("larger than 1 MiB", e.Message, StringComparison.Ordinal);
        Assert.StartsWith(fifo, e.Message, StringComparison.Ordinal);
        await writer.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_small_file_reads_whole()
    {
        string path = Path.Combine(_folder, "m.json");
        File.WriteAllText(path, "{\"a\": 1}");
        Assert.Equal("{\"a\": 1}"u8.ToArray(), BoundedFile.ReadAll(path, "model"));
    }
}
