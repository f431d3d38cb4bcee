using PrintFarm.Printers;
using PrintFarm.Printers.Registry;
using PrintFarm.Printers.Dialects;

using PrintFarm.Protocol;

namespace PrintFarm.Printers.Links;

/// <summary>
/// What differs between dialects for a link: where to connect, what to subscribe to, how to read a
/// message (the stateful adapter), how to say a command, and how the printer answers commands.
/// Pure and single-threaded (the link grain is its one caller).
/// </summary>
public abstract class DialectLink
{
    public abstract PrinterDialect Dialect { get; }

    /// <summary>True when the printer runs the broker (Bambu); false when it publishes to the farm's broker.</summary>
    public abstract bool OwnBroker { get; }

    public abstract IReadOnlyList<(string Filter, MessageQos Qos)> Subscriptions { get; }

    /// <summary>Throws <see cref="FormatException"/>/<see cref="System.Text.Json.JsonException"/> for what cannot mean anything.</summary>
    public abstract DialectUpdate Handle(string topic, ReadOnlySpan<byte> payload, DateTimeOffset receivedAt);

    /// <summary>Null when the printer answered nothing about a command in this message.</summary>
    public virtual CommandReply? Reply(string topic, ReadOnlySpan<byte> payload) => null;

    /// <summary>The command in the printer's words; null when the dialect cannot say it.</summary>
    public abstract OutgoingMessage? Command(PrinterCommand command);

    /// <summary>The client is connected and subscribed: anything to send right away (Bambu: pushall, rate-limited).</summary>
    public virtual OutgoingMessage? OnConnected(DateTimeOffset at) => null;

    /// <summary>What the connection itself says about the printer (only when the printer runs the broker).</summary>
    public virtual DialectUpdate ConnectionUpdate(bool connected, DateTimeOffset at) => DialectUpdate.Empty;

    /// <summary>The farm starts the file named after the job: the adapters read the job id back from it.</summary>
    public static string JobFile(PrinterCommand command, string extension) => $"{command.JobId}.{extension}";

    public static DialectLink For(PrinterRegistration registration, TimeSpan pushAllMinInterval) => registration.Dialect switch
    {
        PrinterDialect.Bambu => new BambuLink(registration.Id!, registration.Bambu!.Serial!, pushAllMinInterval),
        PrinterDialect.OctoPrint => new OctoPrintLink(registration.Id!, registration.OctoPrint!.BaseTopic!),
        PrinterDialect.Moonraker => new MoonrakerLink(registration.Id!, registration.Moonraker!.Instance!),
        _ => throw new ArgumentException($"Printer '{registration.Id}' has no link of its own ({registration.Dialect}).", nameof(registration)),
    };
}
