using MQTTnet.Protocol;
using PrintFarm.Printers;
using PrintFarm.Protocol;
using PrintFarm.Silo.Mqtt;

namespace PrintFarm.Silo.Telemetry;

/// <summary>The egress: commands go to <c>farm/printers/{id}/commands</c> at QoS 1.</summary>
public sealed class MqttCommandSender(FarmMqttClient mqtt, TimeProvider clock) : IPrinterCommandSender
{
    public Task<bool> Send(string printerId, PrinterCommand command, CancellationToken cancellationToken = default)
    {
        var message = new PrinterCommandMessage
        {
            CommandId = Guid.NewGuid().ToString("N"),
            Type = command.Type,
            JobId = command.JobId,
            File = command.Design,
            Material = command.Material,
            EstimatedSeconds = command.EstimatedSeconds,
            At = clock.GetUtcNow(),
        };
        return mqtt.Publish(FarmTopics.For(printerId, FarmTopics.Commands), FarmJson.Serialize(message),
            MqttQualityOfServiceLevel.AtLeastOnce, retain: false, cancellationToken);
    }
}
