using PrintFarm.Printers;
using PrintFarm.Printers.Registry;
using PrintFarm.Protocol;
using PrintFarm.Printers.Dialects;

namespace PrintFarm.Printers.Links;

/// <summary>A Moonraker instance on the farm's broker: status topics in, JSON-RPC out, replies matched by id.</summary>
public sealed class MoonrakerLink(string printerId, string instance) : DialectLink
{
    private readonly MoonrakerAdapter _adapter = new(printerId, instance);
    private readonly MoonrakerRequestTracker _requests = new();

    public override PrinterDialect Dialect => PrinterDialect.Moonraker;
    public override bool OwnBroker => false;
    public string ResponseTopic => MoonrakerCommands.ResponseTopic(instance);

    public override IReadOnlyList<(string Filter, MessageQos Qos)> Subscriptions =>
    [
        (_adapter.ServerStatusTopic, MessageQos.AtLeastOnce),
        (_adapter.KlipperStatusTopic, MessageQos.AtMostOnce),
        (ResponseTopic, MessageQos.AtLeastOnce),
    ];

    public override DialectUpdate Handle(string topic, ReadOnlySpan<byte> payload, DateTimeOffset receivedAt) =>
        topic == ResponseTopic ? DialectUpdate.Empty : _adapter.Handle(topic, payload, receivedAt);

    public override CommandReply? Reply(string topic, ReadOnlySpan<byte> payload)
    {
        if (topic != ResponseTopic) return null;
        var response = MoonrakerResponse.Parse(payload);
        // Replies to someone else's requests share the topic: only ours count.
        if (!_requests.TryMatch(response, out var method)) return null;
        return new CommandReply(response.Ok, method, response.Ok ? null : response.ErrorMessage ?? $"error {response.ErrorCode}");
    }

    public override OutgoingMessage? Command(PrinterCommand command)
    {
        var topic = MoonrakerCommands.RequestTopic(instance);
        return command.Type switch
        {
            PrinterCommandType.Start => new(topic, MoonrakerCommands.Start(_requests.Next("printer.print.start"), JobFile(command, "gcode")), true),
            PrinterCommandType.Pause => new(topic, MoonrakerCommands.Pause(_requests.Next("printer.print.pause")), true),
            PrinterCommandType.Resume => new(topic, MoonrakerCommands.Resume(_requests.Next("printer.print.resume")), true),
            PrinterCommandType.Cancel => new(topic, MoonrakerCommands.Cancel(_requests.Next("printer.print.cancel")), true),
            _ => null,
        };
    }
}
