using PrintFarm.Printers;
using PrintFarm.Printers.Registry;
using PrintFarm.Protocol;
using PrintFarm.Printers.Dialects;

namespace PrintFarm.Printers.Links;

/// <summary>An OctoPrint instance on the farm's broker, everything under its base topic.</summary>
public sealed class OctoPrintLink(string printerId, string baseTopic) : DialectLink
{
    private readonly OctoPrintAdapter _adapter = new(printerId, baseTopic);

    public override PrinterDialect Dialect => PrinterDialect.OctoPrint;
    public override bool OwnBroker => false;

    // QoS 1: events (PrintDone, PrintFailed...) must not be lost while we are connected.
    public override IReadOnlyList<(string Filter, MessageQos Qos)> Subscriptions =>
        [(_adapter.SubscriptionFilter, MessageQos.AtLeastOnce)];

    public override DialectUpdate Handle(string topic, ReadOnlySpan<byte> payload, DateTimeOffset receivedAt)
    {
        // Our own commands come back through the '#' subscription: not telemetry.
        if (topic.StartsWith(_adapter.BaseTopic + "api/", StringComparison.Ordinal)) return DialectUpdate.Empty;
        return _adapter.Handle(topic, payload, receivedAt);
    }

    public override OutgoingMessage? Command(PrinterCommand command) => command.Type switch
    {
        PrinterCommandType.Start => new(OctoPrintCommands.SelectTopic(_adapter.BaseTopic), OctoPrintCommands.SelectAndPrint(JobFile(command, "gcode")), true),
        PrinterCommandType.Pause => new(OctoPrintCommands.JobTopic(_adapter.BaseTopic), OctoPrintCommands.Pause(), true),
        PrinterCommandType.Resume => new(OctoPrintCommands.JobTopic(_adapter.BaseTopic), OctoPrintCommands.Resume(), true),
        PrinterCommandType.Cancel => new(OctoPrintCommands.JobTopic(_adapter.BaseTopic), OctoPrintCommands.Cancel(), true),
        _ => null,
    };
}
