using System.Text;
using System.Text.Json.Nodes;

namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>One MQTT message a simulated printer sends, independent of the transport that carries it.</summary>
/// <param name="Reliable">QoS 1 and kept until delivered; otherwise QoS 0 and dropped while offline.</param>
public sealed record DialectMessage(string Topic, byte[] Payload, bool Reliable, bool Retain)
{
    public static DialectMessage Json(string topic, JsonNode payload, bool reliable = false, bool retain = false) =>
        new(topic, Encoding.UTF8.GetBytes(payload.ToJsonString()), reliable, retain);

    public static DialectMessage Text(string topic, string payload, bool reliable = false, bool retain = false) =>
        new(topic, Encoding.UTF8.GetBytes(payload), reliable, retain);

    public string PayloadText => Encoding.UTF8.GetString(Payload);

    public override string ToString() => $"{Topic} {PayloadText}";
}
