using System.Collections.Concurrent;
using PrintFarm.Printers;

namespace PrintFarm.Tests.Cluster;

/// <summary>
/// Stands in for the MQTT egress in cluster tests (the real egress has its own end-to-end test):
/// records every command so the test can answer it as a printer would.
/// </summary>
public sealed class RecordingCommandSender : IPrinterCommandSender
{
    private readonly ConcurrentQueue<(string PrinterId, PrinterCommand Command)> _sent = new();

    public IReadOnlyList<(string PrinterId, PrinterCommand Command)> Sent => _sent.ToList();

    public Task<bool> Send(string printerId, PrinterCommand command, CancellationToken cancellationToken = default)
    {
        _sent.Enqueue((printerId, command));
        return Task.FromResult(true);
    }

    public IReadOnlyList<PrinterCommand> To(string printerId) =>
        _sent.Where(s => s.PrinterId == printerId).Select(s => s.Command).ToList();
}
