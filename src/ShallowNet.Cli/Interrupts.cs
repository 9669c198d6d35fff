using System.Runtime.InteropServices;

namespace ShallowNet.Cli;

/// <summary>
/// Ctrl+C and SIGTERM (what docker stop, systemd and CI timeouts send) as a cancellation: the running work stops at
/// its next check and the command saves what it has, instead of the runtime's immediate exit.
/// </summary>
internal sealed class Interrupts : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration? _terminate;

    private Interrupts()
    {
        Console.CancelKeyPress += OnCancel;
        try
        {
            _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                _source.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            _terminate = null;
        }
    }

    /// <summary>Cancelled by the first Ctrl+C or SIGTERM while listening.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Listens until disposed.</summary>
    public static Interrupts Listen() => new();

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _terminate?.Dispose();
        _source.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _source.Cancel();
    }
}
