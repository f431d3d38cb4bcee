using System.Buffers;
using MQTTnet.Protocol;

namespace PrintFarm.Silo.Mqtt;

/// <summary>A reader of some topics (one per printer dialect).</summary>
public interface IMqttSubscriber
{
    IEnumerable<(string Filter, MqttQualityOfServiceLevel Qos)> Filters { get; }

    bool Handles(string topic);

    /// <summary>Throws only when the message could not be handed on and must be redelivered.</summary>
    Task Receive(string topic, ReadOnlySequence<byte> payload);
}
