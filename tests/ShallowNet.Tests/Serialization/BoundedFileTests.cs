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
            return;   // FIFOs
        }

        var (error, written) = await ReadEndlessFifo("{\"format\": "u8.ToArray(), (byte)' ', maxBytes: 1 << 20);
        Assert.Contains("larger than 1 MiB", error!.Message, StringComparison.Ordinal);
        Assert.True(written < 4 << 20, $"{written} bytes were read");
    }

    [Theory]
    [InlineData((byte)0)]      // "{" then NUL bytes (cat /dev/zero): read whole up to 1 GiB before
    [InlineData((byte)'{')]    // "{{{{...": no name where one must be
    [InlineData((byte)'x')]
    public async Task A_pipe_that_starts_with_a_brace_but_is_not_json_stops_at_once(byte filler)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;   // FIFOs
        }

        var (error, written) = await ReadEndlessFifo("{"u8.ToArray(), filler, maxBytes: BoundedFile.MaxBytes);
        Assert.Null(error);   // reading stopped; the parser then names the line and byte
        Assert.True(written < 4 << 20, $"{written} bytes were read");
    }

    [Fact]
    public async Task Endless_json_from_a_pipe_stops_at_the_piped_cap_not_at_a_gibibyte()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;   // FIFOs
        }

        var (error, written) = await ReadEndlessFifo("{\"a\": ["u8.ToArray(), (byte)'0', maxBytes: BoundedFile.MaxBytes, filler2: (byte)',');
        Assert.Contains($"larger than {BoundedFile.MaxPipedBytes >> 20} MiB read from a pipe", error!.Message, StringComparison.Ordinal);
        Assert.True(written < BoundedFile.MaxPipedBytes + (4 << 20), $"{written} bytes were read");
    }

    [Fact]
    public async Task A_token_longer_than_any_model_holds_or_endless_spaces_after_the_object_are_refused()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;   // FIFOs
        }

        var (longString, _) = await ReadEndlessFifo("{\"a\": \""u8.ToArray(), (byte)'x', maxBytes: BoundedFile.MaxBytes);
        Assert.Contains("a JSON value longer than 1 MiB at byte 7", longString!.Message, StringComparison.Ordinal);
        var (spaces, _) = await ReadEndlessFifo("{\"a\": 1}"u8.ToArray(), (byte)' ', maxBytes: BoundedFile.MaxBytes);
        Assert.Contains("of spaces after the end of its JSON object", spaces!.Message, StringComparison.Ordinal);
    }

    /// <summary>Reads a FIFO fed <paramref name="first"/> then the filler bytes forever; returns the error (null when reading stopped early) and how much was written.</summary>
    private async Task<(InvalidInputException? Error, long Written)> ReadEndlessFifo(byte[] first, byte filler, long maxBytes, byte? filler2 = null)
    {
        string fifo = Path.Combine(_folder, $"endless{Guid.NewGuid():N}.json");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        long written = 0;
        var writer = Task.Run(() =>
        {
            try
            {
                using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
                stream.Write(first);
                var chunk = new byte[64 * 1024];
                for (int i = 0; i < chunk.Length; i++)
                {
                    chunk[i] = filler2 is { } other && i % 2 == 1 ? other : filler;
                }

                while (true)
                {
                    stream.Write(chunk);
                    Interlocked.Add(ref written, chunk.Length);
                }
            }
            catch (IOException)
            {
                // the reader stopped
            }
        });

        InvalidInputException? error = null;
        try
        {
            _ = BoundedFile.ReadAll(fifo, "model", maxBytes);
        }
        catch (InvalidInputException e)
        {
            Assert.StartsWith(fifo, e.Message, StringComparison.Ordinal);
            error = e;
        }

        File.Delete(fifo);   // the writer's next write fails once the reader has closed
        await writer.WaitAsync(TimeSpan.FromSeconds(30));
        return (error, Interlocked.Read(ref written));
    }

    [Fact]
    public void A_small_file_reads_whole()
    {
        string path = Path.Combine(_folder, "m.json");
        File.WriteAllText(path, "{\"a\": 1}");
        Assert.Equal("{\"a\": 1}"u8.ToArray(), BoundedFile.ReadAll(path, "model").ToArray());
    }
}
