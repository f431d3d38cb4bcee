using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using PrintFarm.Printers;
using PrintFarm.Protocol;
using PrintFarm.Silo.Mqtt;

namespace PrintFarm.Silo.Telemetry;

/// <summary>
/// Reads the farm-native topics and hands each message to its printer grain, the way the
/// Presence sample's stateless worker decodes and routes heartbeats. Anything unreadable is
/// counted and dropped; ingestion never stops for a bad message.
/// </summary>
public sealed partial class FarmProtocolIngress(
    IGrainFactory grains,
    IngressStats stats,
    TimeProvider clock,
    ILogger<FarmProtocolIngress> logger) : IMqttSubscriber
{
    private readonly LatestWins<PrinterTelemetry> _telemetry = new();

    /// <summary>Nothing a printer sends us is legitimately this big.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    public IEnumerable<(string Filter, MqttQualityOfServiceLevel Qos)> Filters =>
    [
        (FarmTopics.AllPrinters(FarmTopics.Telemetry), MqttQualityOfServiceLevel.AtMostOnce),
        (FarmTopics.AllPrinters(FarmTopics.Events), MqttQualityOfServiceLevel.AtLeastOnce),
        (FarmTopics.AllPrinters(FarmTopics.Status), MqttQualityOfServiceLevel.AtLeastOnce),
    ];

    public bool Handles(string topic) => topic.StartsWith(FarmTopics.Root + "/", StringComparison.Ordinal);

    public bool MayBeRetained(string topic) => FarmTopics.MayBeRetained(topic);

    // Telemetry is the volume and is lossy by design: the silos split it. Events and statuses
    // reach every silo, so a silo that dies mid-flight loses none and their order is kept; the
    // printer grain counts each event id once.
    public bool SplitAcrossSilos(string filter) => filter == FarmTopics.AllPrinters(FarmTopics.Telemetry);

    public async Task Receive(string topic, ReadOnlySequence<byte> payload)
    {
        if (!FarmTopics.TryParse(topic, out var printerId, out var channel))
        {
            stats.CountUnknownTopic();
            LogUnknownTopic(topic);
            return;
        }
        if (channel == FarmTopics.Commands) return; // our own egress, echoed by a '#' subscription

        PrinterTelemetry? telemetry = null;
        PrinterJobEvent? jobEvent = null;
        PrinterStatusReport? status = null;
        try
        {
            if (payload.Length > MaxPayloadBytes) throw new FormatException($"Payload of {payload.Length} bytes is over {MaxPayloadBytes}.");
            var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
            var now = clock.GetUtcNow();
            switch (channel)
            {
                case FarmTopics.Telemetry: telemetry = FarmProtocolAdapter.ToTelemetry(FarmJson.Deserialize<PrinterTelemetryMessage>(bytes), now); break;
                case FarmTopics.Events: jobEvent = FarmProtocolAdapter.ToEvent(FarmJson.Deserialize<PrinterEventMessage>(bytes), now); break;
                case FarmTopics.Status: status = FarmProtocolAdapter.ToStatus(FarmJson.Deserialize<PrinterStatusMessage>(bytes), now); break;
                default:
                    stats.CountUnknownTopic();
                    LogUnknownTopic(topic);
                    return;
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            stats.CountMalformed();
            LogMalformed(topic, ex.Message);
            return;
        }

        var printer = grains.GetGrain<IPrinterGrain>(printerId);
        if (telemetry is not null)
        {
            stats.CountTelemetry();
            switch (_telemetry.Offer(printerId, telemetry))
            {
                case HandOff.Now: _ = HandOn(printer, printerId, telemetry); break;
                case HandOff.Replaces: stats.CountSuperseded(); break;
            }
        }
        else if (jobEvent is not null)
        {
            // Awaited: the broker gets its acknowledgement only once the grain has the event.
            await printer.Event(jobEvent);
            stats.CountEvent();
        }
        else if (status is not null)
        {
            await printer.Status(status);
            stats.CountStatus();
        }
    }

    /// <summary>
    /// Hands the printer its telemetry, then whatever newer message waited meanwhile, until none
    /// did. Not awaited by the receive loop: one slow grain holds up only its own printer's reports.
    /// </summary>
    private async Task HandOn(IPrinterGrain printer, string printerId, PrinterTelemetry telemetry)
    {
        for (PrinterTelemetry? next = telemetry; next is not null; next = _telemetry.Done(printerId))
        {
            try
            {
                await printer.Telemetry(next);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Lossy by design: the next report carries the printer's state again.
                LogTelemetryNotTaken(printerId, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Printer {PrinterId}'s telemetry was not taken in: {Error}")]
    private partial void LogTelemetryNotTaken(string printerId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a message on {Topic}: {Error}")]
    private partial void LogMalformed(string topic, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a message on an unknown topic {Topic}")]
    private partial void LogUnknownTopic(string topic);
}
