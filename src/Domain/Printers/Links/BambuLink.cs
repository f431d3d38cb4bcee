using System.Text.Json.Nodes;
using PrintFarm.Printers;
using PrintFarm.Printers.Registry;
using PrintFarm.Protocol;
using PrintFarm.Printers.Dialects;

namespace PrintFarm.Printers.Links;

/// <summary>A Bambu Lab printer: its own broker, <c>device/{serial}/report</c> in, <c>device/{serial}/request</c> out.</summary>
public sealed class BambuLink(string printerId, string serial, TimeSpan pushAllMinInterval) : DialectLink
{
    private static readonly HashSet<string> Commands = ["pause", "resume", "stop", "project_file"];

    private readonly BambuAdapter _adapter = new(printerId);
    private readonly PushAllPolicy _pushAll = new(pushAllMinInterval);
    private long _sequence = 1000;

    public override PrinterDialect Dialect => PrinterDialect.Bambu;
    public override bool OwnBroker => true;
    public string ReportTopic => BambuCommands.ReportTopic(serial);
    public string RequestTopic => BambuCommands.RequestTopic(serial);

    public override IReadOnlyList<(string Filter, MessageQos Qos)> Subscriptions =>
        [(ReportTopic, MessageQos.AtMostOnce)];

    public override DialectUpdate Handle(string topic, ReadOnlySpan<byte> payload, DateTimeOffset receivedAt) =>
        topic == ReportTopic ? _adapter.Report(payload, receivedAt) : DialectUpdate.Empty;

    /// <summary>An acknowledgement echoes the command with <c>result</c> ("success", any case) and sometimes <c>reason</c>.</summary>
    public override CommandReply? Reply(string topic, ReadOnlySpan<byte> payload)
    {
        if (topic != ReportTopic) return null;
        var root = DialectJson.ParseObject(payload);
        if (root["print"] is not JsonObject print) return null;
        var command = DialectJson.String(print["command"]);
        if (command is null || !Commands.Contains(command)) return null;
        var result = DialectJson.String(print["result"]);
        if (result is null) return null;
        var accepted = string.Equals(result, "success", StringComparison.OrdinalIgnoreCase);
        return new CommandReply(accepted, command, accepted ? null : DialectJson.String(print["reason"]) ?? result);
    }

    public override OutgoingMessage? Command(PrinterCommand command)
    {
        var seq = ++_sequence;
        var payload = command.Type switch
        {
            PrinterCommandType.Start => BambuCommands.ProjectFile(new BambuProjectFileRequest
            {
                JobId = command.JobId,
                FileName = command.File?.FileNameFor(command.JobId) ?? JobFile(command, "3mf"),
                Plate = command.File?.Plate ?? 1,
            }, seq),
            PrinterCommandType.Pause => BambuCommands.Pause(seq),
            PrinterCommandType.Resume => BambuCommands.Resume(seq),
            PrinterCommandType.Cancel => BambuCommands.Stop(seq),
            _ => null,
        };
        return payload is null ? null : new OutgoingMessage(RequestTopic, payload, AtLeastOnce: true);
    }

    public override OutgoingMessage? OnConnected(DateTimeOffset at) =>
        _pushAll.Due(at) ? new OutgoingMessage(RequestTopic, BambuCommands.PushAll(++_sequence), AtLeastOnce: false) : null;

    public override DialectUpdate ConnectionUpdate(bool connected, DateTimeOffset at) =>
        connected ? _adapter.Connected(at) : _adapter.Disconnected(at);
}
